package dev.denokv.value.js;

import java.util.HexFormat;
import java.util.Objects;

/**
 * A JavaScript {@code ArrayBuffer}, fixed or resizable. Views ({@link JsTypedArray}) refer to it,
 * so identity matters: two views over one buffer share one instance. The bytes are not copied;
 * treat them as owned by the buffer.
 */
public final class JsArrayBuffer {

	private final byte[] data;

	private final long maxByteLength;

	/** A fixed-length buffer holding {@code data}. */
	public JsArrayBuffer(byte[] data) {
		this(data, -1);
	}

	/**
	 * A buffer holding {@code data}; {@code maxByteLength} is -1 for a fixed-length buffer, else
	 * the maximum length of a resizable one (at least {@code data.length}).
	 */
	public JsArrayBuffer(byte[] data, long maxByteLength) {
		this.data = Objects.requireNonNull(data, "data");
		if (maxByteLength != -1 && maxByteLength < data.length) {
			throw new IllegalArgumentException("maxByteLength " + maxByteLength + " < byteLength " + data.length);
		}
		this.maxByteLength = maxByteLength;
	}

	/** The buffer's bytes (not a copy). */
	public byte[] data() {
		return this.data;
	}

	public int byteLength() {
		return this.data.length;
	}

	public boolean resizable() {
		return this.maxByteLength >= 0;
	}

	/** The maximum length of a resizable buffer, or -1. */
	public long maxByteLength() {
		return this.maxByteLength;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof JsArrayBuffer other && this.maxByteLength == other.maxByteLength
				&& java.util.Arrays.equals(this.data, other.data);
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(this.data);
	}

	@Override
	public String toString() {
		return "ArrayBuffer(" + HexFormat.of().formatHex(this.data) + ")";
	}

}
