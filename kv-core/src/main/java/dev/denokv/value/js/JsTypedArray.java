package dev.denokv.value.js;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A typed array or DataView: a window of {@code byteLength} bytes at {@code byteOffset} into a
 * {@link JsArrayBuffer}. Several views can share one buffer. Element values are little-endian, as
 * on every platform Deno runs on. The {@code toXxxArray()} methods copy the elements out.
 */
public final class JsTypedArray {

	private final JsTypedArrayKind kind;

	private final JsArrayBuffer buffer;

	private final int byteOffset;

	private final int byteLength;

	private final boolean lengthTracking;

	/**
	 * A view over {@code buffer}; offset and length must lie inside it and, except for a DataView,
	 * be multiples of the element size. A length-tracking view (over a resizable buffer) covers the
	 * whole elements from the offset to the buffer's end, and {@code byteLength} is ignored.
	 */
	public JsTypedArray(JsTypedArrayKind kind, JsArrayBuffer buffer, int byteOffset, int byteLength,
			boolean lengthTracking) {
		this.kind = Objects.requireNonNull(kind, "kind");
		this.buffer = Objects.requireNonNull(buffer, "buffer");
		if (lengthTracking) {
			if (!buffer.resizable()) {
				throw new IllegalArgumentException("A length-tracking view needs a resizable buffer");
			}
			// A resizable buffer may end mid-element; JS rounds the tracked length down to whole elements.
			byteLength = Math.max(0, buffer.byteLength() - byteOffset);
			byteLength -= byteLength % kind.elementSize();
		}
		if (byteOffset < 0 || byteLength < 0 || byteOffset > buffer.byteLength()
				|| byteLength > buffer.byteLength() - byteOffset) {
			throw new IllegalArgumentException("View [" + byteOffset + ", +" + byteLength + ") is outside its buffer of "
					+ buffer.byteLength() + " bytes");
		}
		if (byteOffset % kind.elementSize() != 0 || byteLength % kind.elementSize() != 0) {
			throw new IllegalArgumentException(kind.jsName() + " offset and length must be multiples of "
					+ kind.elementSize());
		}
		this.byteOffset = byteOffset;
		this.byteLength = byteLength;
		this.lengthTracking = lengthTracking;
	}

	/** A view of the given kind over a fresh buffer holding a copy of {@code bytes}. */
	public static JsTypedArray of(JsTypedArrayKind kind, byte[] bytes) {
		return new JsTypedArray(kind, new JsArrayBuffer(bytes.clone()), 0, bytes.length, false);
	}

	public static JsTypedArray ofInt16(short[] values) {
		ByteBuffer b = le(values.length * 2);
		b.asShortBuffer().put(values);
		return new JsTypedArray(JsTypedArrayKind.INT16, new JsArrayBuffer(b.array()), 0, values.length * 2, false);
	}

	public static JsTypedArray ofInt32(int[] values) {
		ByteBuffer b = le(values.length * 4);
		b.asIntBuffer().put(values);
		return new JsTypedArray(JsTypedArrayKind.INT32, new JsArrayBuffer(b.array()), 0, values.length * 4, false);
	}

	public static JsTypedArray ofBigInt64(long[] values) {
		ByteBuffer b = le(values.length * 8);
		b.asLongBuffer().put(values);
		return new JsTypedArray(JsTypedArrayKind.BIGINT64, new JsArrayBuffer(b.array()), 0, values.length * 8, false);
	}

	public static JsTypedArray ofFloat32(float[] values) {
		ByteBuffer b = le(values.length * 4);
		b.asFloatBuffer().put(values);
		return new JsTypedArray(JsTypedArrayKind.FLOAT32, new JsArrayBuffer(b.array()), 0, values.length * 4, false);
	}

	public static JsTypedArray ofFloat64(double[] values) {
		ByteBuffer b = le(values.length * 8);
		b.asDoubleBuffer().put(values);
		return new JsTypedArray(JsTypedArrayKind.FLOAT64, new JsArrayBuffer(b.array()), 0, values.length * 8, false);
	}

	private static ByteBuffer le(int size) {
		return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
	}

	public JsTypedArrayKind kind() {
		return this.kind;
	}

	public JsArrayBuffer buffer() {
		return this.buffer;
	}

	public int byteOffset() {
		return this.byteOffset;
	}

	public int byteLength() {
		return this.byteLength;
	}

	/** Whether the view tracks the length of its resizable buffer. */
	public boolean lengthTracking() {
		return this.lengthTracking;
	}

	/** Number of elements (bytes for a DataView). */
	public int length() {
		return this.byteLength / this.kind.elementSize();
	}

	/** A copy of the view's bytes. */
	public byte[] toByteArray() {
		return Arrays.copyOfRange(this.buffer.data(), this.byteOffset, this.byteOffset + this.byteLength);
	}

	private ByteBuffer view() {
		return ByteBuffer.wrap(this.buffer.data(), this.byteOffset, this.byteLength).slice().order(ByteOrder.LITTLE_ENDIAN);
	}

	/** The elements of a 2-byte view as shorts (Uint16 values as their bit patterns). */
	public short[] toShortArray() {
		short[] out = new short[this.byteLength / 2];
		view().asShortBuffer().get(out);
		return out;
	}

	/** The elements of a 4-byte integer view as ints (Uint32 values as their bit patterns). */
	public int[] toIntArray() {
		int[] out = new int[this.byteLength / 4];
		view().asIntBuffer().get(out);
		return out;
	}

	/** The elements of an 8-byte integer view as longs (BigUint64 values as their bit patterns). */
	public long[] toLongArray() {
		long[] out = new long[this.byteLength / 8];
		view().asLongBuffer().get(out);
		return out;
	}

	public float[] toFloatArray() {
		float[] out = new float[this.byteLength / 4];
		view().asFloatBuffer().get(out);
		return out;
	}

	public double[] toDoubleArray() {
		double[] out = new double[this.byteLength / 8];
		view().asDoubleBuffer().get(out);
		return out;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof JsTypedArray other && this.kind == other.kind && this.lengthTracking == other.lengthTracking
				&& Arrays.equals(toByteArray(), other.toByteArray());
	}

	@Override
	public int hashCode() {
		return 31 * this.kind.hashCode() + Arrays.hashCode(toByteArray());
	}

	@Override
	public String toString() {
		return this.kind.jsName() + "(" + HexFormat.of().formatHex(toByteArray()) + ")";
	}

}
