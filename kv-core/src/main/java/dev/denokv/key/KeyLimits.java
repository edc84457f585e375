package dev.denokv.key;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.DenoCliLimits;

/**
 * Deno's key size limits (kv-format.md §7) with Deno's exact messages. Writes (mutation and check
 * keys) may be at most 2048 encoded bytes and not empty; read bounds (range start/end, watched keys)
 * at most 2049 bytes, one more so that {@code key ++ 00} of a maximal key still fits.
 */
public final class KeyLimits {

	public static final int MAX_WRITE_KEY_BYTES = DenoCliLimits.MAX_WRITE_KEY_BYTES;

	public static final int MAX_READ_KEY_BYTES = DenoCliLimits.MAX_READ_KEY_BYTES;

	static final String EMPTY_KEY = "key cannot be empty";

	private KeyLimits() {
	}

	/**
	 * Checks an encoded key that is written (set/delete/sum/min/max, check keys).
	 * @return {@code encoded} itself
	 * @throws KvInvalidArgumentException {@code "key cannot be empty"} or
	 * {@code "Key too large for write (max 2048 bytes)"}
	 */
	public static byte[] checkWriteKey(byte[] encoded) {
		if (encoded.length == 0) {
			throw new KvInvalidArgumentException(EMPTY_KEY);
		}
		if (encoded.length > MAX_WRITE_KEY_BYTES) {
			throw new KvInvalidArgumentException("Key too large for write (max " + MAX_WRITE_KEY_BYTES + " bytes)");
		}
		return encoded;
	}

	/** {@link #checkWriteKey(byte[])} for a key; returns its encoding (a fresh copy). */
	public static byte[] checkWriteKey(KvKey key) {
		return checkWriteKey(key.encode());
	}

	/**
	 * Checks an encoded read bound (range start or end, a watched key).
	 * @return {@code encoded} itself
	 * @throws KvInvalidArgumentException {@code "Key too large for read (max 2049 bytes)"}
	 */
	public static byte[] checkReadKey(byte[] encoded) {
		return checkReadKey(encoded, MAX_READ_KEY_BYTES);
	}

	/**
	 * {@link #checkReadKey(byte[])} against another limit, such as a template's
	 * {@code KvLimits.maxReadKeySize()}.
	 * @return {@code encoded} itself
	 * @throws KvInvalidArgumentException {@code "Key too large for read (max <maxBytes> bytes)"}
	 */
	public static byte[] checkReadKey(byte[] encoded, int maxBytes) {
		if (encoded.length > maxBytes) {
			throw new KvInvalidArgumentException("Key too large for read (max " + maxBytes + " bytes)");
		}
		return encoded;
	}

	/** {@link #checkReadKey(byte[])} for a key; returns its encoding (a fresh copy). */
	public static byte[] checkReadKey(KvKey key) {
		return checkReadKey(key.encode());
	}

}
