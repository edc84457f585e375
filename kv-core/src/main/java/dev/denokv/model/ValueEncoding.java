package dev.denokv.model;

/**
 * How a stored value's bytes are to be read. The codes are the same in the SQLite
 * {@code kv.v_encoding} column and in the KV Connect {@code ValueEncoding} enum.
 */
public enum ValueEncoding {

	/** V8 ValueSerializer bytes: every JS value except a top-level Uint8Array or KvU64. */
	V8(1),

	/** Exactly 8 bytes, an unsigned 64-bit little-endian integer ({@link KvU64}). */
	LE64(2),

	/** Raw bytes: a top-level Uint8Array. */
	BYTES(3);

	private final int code;

	ValueEncoding(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	/** The encoding with the given code; an unknown code gets Deno's SQLite message. */
	public static ValueEncoding ofCode(int code) {
		return switch (code) {
			case 1 -> V8;
			case 2 -> LE64;
			case 3 -> BYTES;
			default -> throw new dev.denokv.error.KvBackendException("The value encoding " + code + " is unknown.");
		};
	}

}
