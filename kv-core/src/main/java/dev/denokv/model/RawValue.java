package dev.denokv.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stored value as the backends see it: bytes plus their {@link ValueEncoding}. The
 * {@code KvValueCodec} turns Java objects into raw values and back. Treat {@link #data()} as
 * read-only; it is not copied for speed.
 */
public final class RawValue {

	private final ValueEncoding encoding;

	private final byte[] data;

	public RawValue(ValueEncoding encoding, byte[] data) {
		this.encoding = Objects.requireNonNull(encoding, "encoding");
		this.data = Objects.requireNonNull(data, "data");
		if (encoding == ValueEncoding.LE64 && data.length != 8) {
			// The Rust decoder panics on this; we reject it (kv-format.md §4.1).
			throw new dev.denokv.error.KvBackendException("Invalid LE64 value: expected 8 bytes, got " + data.length);
		}
	}

	public static RawValue v8(byte[] data) {
		return new RawValue(ValueEncoding.V8, data);
	}

	public static RawValue bytes(byte[] data) {
		return new RawValue(ValueEncoding.BYTES, data);
	}

	public static RawValue u64(KvU64 value) {
		return new RawValue(ValueEncoding.LE64, value.toLittleEndian());
	}

	public ValueEncoding encoding() {
		return this.encoding;
	}

	/** The value bytes (not a copy: do not modify). */
	public byte[] data() {
		return this.data;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof RawValue other && this.encoding == other.encoding && Arrays.equals(this.data, other.data);
	}

	@Override
	public int hashCode() {
		return 31 * this.encoding.hashCode() + Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return this.encoding + ":" + HexFormat.of().formatHex(this.data);
	}

}
