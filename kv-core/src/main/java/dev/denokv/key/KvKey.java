package dev.denokv.key;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * A Deno KV key: an immutable sequence of parts, each a byte array, string, bigint
 * ({@link BigInteger}), number ({@code double}) or boolean.
 *
 * <p>Java values map to parts the way JS values do in Deno, so a Java key finds the entry Deno
 * wrote under the "same" key: {@code KvKey.of("users", 42)} is Deno's {@code ["users", 42]}, where
 * {@code 42} is a JS number. {@code Integer}, {@code Long}, {@code Short}, {@code Byte},
 * {@code Float} and {@code Double} become numbers (a {@code long} that a double cannot hold
 * exactly is rejected, never rounded); {@code BigInteger} becomes a bigint
 * ({@link #bigint(long)}); {@code String}, {@code byte[]} and {@code Boolean} map directly.
 *
 * <p>Keys are compared in Deno's key order, which is the unsigned byte order of their encodings
 * ({@link #encode()}). Two keys are equal exactly when their encodings are equal: byte arrays by
 * content, {@code -0.0} differs from {@code 0.0}, all NaNs with the same sign are one value.
 *
 * <p>Immutable and thread-safe; the encoding is computed once (for {@link #decodeLazily} keys, on
 * first use).
 */
public final class KvKey implements Comparable<KvKey> {

	private static final KvKey EMPTY = new KvKey(new Object[0]);

	/**
	 * The encoded bytes of a key made by {@link #decodeLazily}, not yet parsed (possibly not even
	 * canonical); {@code null} once {@link #state} is known.
	 */
	private final byte[] pending;

	/**
	 * Parts, canonical encoding, offsets and hash. Final for keys built from parts; for a lazily
	 * decoded key computed on first use. {@link Decoded} has only final fields, so a racy
	 * publication is safe, and a race merely decodes twice to equal results.
	 */
	private Decoded state;

	private KvKey(Object[] normalizedParts) {
		this.pending = null;
		this.state = new Decoded(normalizedParts);
	}

	private KvKey(byte[] pending) {
		this.pending = pending;
	}

	/** Everything derived from the parts: computed once, immutable. */
	private static final class Decoded {

		/** Normalized parts; byte arrays are private copies and never handed out. */
		final Object[] parts;

		/** The canonical encoding: equality, hash and order are defined on it. */
		final byte[] encoded;

		/** {@code offsets[i]} is where part {@code i} starts in {@link #encoded}; the last entry is its length. */
		final int[] offsets;

		final int hash;

		Decoded(Object[] normalizedParts) {
			this.parts = normalizedParts;
			this.offsets = new int[normalizedParts.length + 1];
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			for (int i = 0; i < normalizedParts.length; i++) {
				this.offsets[i] = out.size();
				KeyCodec.encodePart(out, normalizedParts[i]);
			}
			this.offsets[normalizedParts.length] = out.size();
			this.encoded = out.toByteArray();
			this.hash = Arrays.hashCode(this.encoded);
		}

	}

	private Decoded state() {
		Decoded decoded = this.state;
		if (decoded == null) {
			// Decoding and re-encoding gives the canonical form (Deno's decoder is lenient, so
			// the stored bytes may differ from it), which keeps equality exactly as for decode().
			decoded = new Decoded(KeyCodec.decode(this.pending).toArray());
			this.state = decoded;
		}
		return decoded;
	}

	/**
	 * A key of the given parts.
	 * @throws KvInvalidArgumentException with Deno's message
	 * {@code "expected string, number, bigint, ArrayBufferView, boolean"} for a {@code null} or
	 * unsupported part, or a clear message for a bigint over 255 bytes or an inexact {@code long}
	 */
	public static KvKey of(Object... parts) {
		if (parts == null) {
			throw new KvInvalidArgumentException(KeyParts.UNSUPPORTED_PART);
		}
		return (parts.length == 0) ? EMPTY : new KvKey(normalize(parts));
	}

	/** A key of the given parts; see {@link #of(Object...)}. */
	public static KvKey of(List<?> parts) {
		if (parts == null) {
			throw new KvInvalidArgumentException(KeyParts.UNSUPPORTED_PART);
		}
		return of(parts.toArray());
	}

	/** The empty key {@code []}: valid as a list prefix (the whole keyspace), not for reads or writes. */
	public static KvKey empty() {
		return EMPTY;
	}

	/** A number part (JS {@code number}, tag {@code 0x21}); NaN is canonicalized, -0.0 kept. */
	public static Double number(double value) {
		return KeyParts.number(value);
	}

	/**
	 * A number part from a {@code long}.
	 * @throws KvInvalidArgumentException when a double cannot represent the value exactly
	 * (beyond ±2^53 only some values can be)
	 */
	public static Double number(long value) {
		return KeyParts.number(value);
	}

	/** A bigint part (JS {@code bigint}, integer tags {@code 0x0b..0x1d}). */
	public static BigInteger bigint(long value) {
		return BigInteger.valueOf(value);
	}

	/**
	 * A bigint part.
	 * @throws KvInvalidArgumentException when the magnitude needs more than 255 bytes
	 */
	public static BigInteger bigint(BigInteger value) {
		return KeyParts.bigint(value);
	}

	/**
	 * Decodes an encoded key (for example a SQLite {@code kv.k} blob).
	 * @throws KvInvalidArgumentException when the bytes are not a valid key
	 */
	public static KvKey decode(byte[] encoded) {
		List<Object> decoded = KeyCodec.decode(encoded);
		return decoded.isEmpty() ? EMPTY : new KvKey(decoded.toArray());
	}

	/**
	 * A key for encoded bytes that are parsed only when the key is first used (by any of its
	 * methods). Meant for keys read back from a database, which are valid by construction: a list
	 * then costs nothing for keys the caller never looks at. Behaves exactly like
	 * {@link #decode(byte[])} in every respect (parts, canonical encoding, equality, order, string
	 * form), except that bytes which are not a valid key fail with the same
	 * {@link KvInvalidArgumentException} on first use instead of here.
	 */
	public static KvKey decodeLazily(byte[] encoded) {
		// Arrays.copyOf, not clone(): until the JIT has compiled this, clone() is a call into the VM.
		return (encoded.length == 0) ? EMPTY : new KvKey(Arrays.copyOf(encoded, encoded.length));
	}

	/**
	 * The normalized parts: {@code String}, {@code byte[]} (fresh copies), {@code BigInteger},
	 * {@code Double}, {@code Boolean}. The list is unmodifiable.
	 */
	public List<Object> parts() {
		Object[] parts = state().parts;
		List<Object> list = new ArrayList<>(parts.length);
		for (Object part : parts) {
			list.add(copyOf(part));
		}
		return Collections.unmodifiableList(list);
	}

	public int size() {
		return state().parts.length;
	}

	public boolean isEmpty() {
		return state().parts.length == 0;
	}

	/** Part {@code index} (a byte array is returned as a fresh copy). */
	public Object part(int index) {
		return copyOf(state().parts[index]);
	}

	/** This key followed by more parts. */
	public KvKey append(Object... more) {
		if (more == null) {
			throw new KvInvalidArgumentException(KeyParts.UNSUPPORTED_PART);
		}
		if (more.length == 0) {
			return this;
		}
		Object[] parts = state().parts;
		Object[] all = Arrays.copyOf(parts, parts.length + more.length);
		Object[] extra = normalize(more);
		System.arraycopy(extra, 0, all, parts.length, extra.length);
		return new KvKey(all);
	}

	/**
	 * Whether {@code prefix}'s parts are the leading parts of this key (part-wise, so
	 * {@code ["a\u0000"]} does not start with {@code ["a"]} even though its bytes do).
	 */
	public boolean startsWith(KvKey prefix) {
		Decoded self = state();
		Decoded other = prefix.state();
		int n = other.parts.length;
		if (n > self.parts.length) {
			return false;
		}
		int len = other.encoded.length;
		return self.offsets[n] == len && Arrays.equals(self.encoded, 0, len, other.encoded, 0, len);
	}

	/** Deno's encoding of this key (a fresh copy). */
	public byte[] encode() {
		return state().encoded.clone();
	}

	/** The encoding itself, for this package only: callers must not modify it. */
	byte[] encodedView() {
		return state().encoded;
	}

	/** Length of {@link #encode()} without copying it. */
	public int encodedLength() {
		return state().encoded.length;
	}

	/** Deno's key order: the unsigned byte order of the encodings. */
	@Override
	public int compareTo(KvKey other) {
		return Arrays.compareUnsigned(state().encoded, other.state().encoded);
	}

	@Override
	public boolean equals(Object o) {
		if (this == o) {
			return true;
		}
		if (!(o instanceof KvKey other)) {
			return false;
		}
		Decoded self = state();
		Decoded that = other.state();
		return self.hash == that.hash && Arrays.equals(self.encoded, that.encoded);
	}

	@Override
	public int hashCode() {
		return state().hash;
	}

	/** The key as {@code Deno.inspect} prints it, e.g. {@code [ "users", 42, 1n, true ]}. */
	@Override
	public String toString() {
		return KeyFormatter.format(state().parts);
	}

	private static Object[] normalize(Object[] raw) {
		Object[] out = new Object[raw.length];
		for (int i = 0; i < raw.length; i++) {
			out[i] = KeyParts.normalize(raw[i]);
		}
		return out;
	}

	private static Object copyOf(Object part) {
		return (part instanceof byte[] b) ? b.clone() : part;
	}

}
