package dev.denokv.value.v8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;

/** Writes ArrayBuffers and views as V8 does: the buffer, then {@code 'V'} and the view's window. */
final class V8ViewWriter {

	private V8ViewWriter() {
	}

	/** Whether {@code value} is a Java array written as a typed array. */
	static boolean isJavaArray(Object value) {
		return value instanceof byte[] || value instanceof short[] || value instanceof int[] || value instanceof long[]
				|| value instanceof float[] || value instanceof double[];
	}

	/** Writes a Java primitive array as a typed array over a fresh buffer (ids are the caller's). */
	static void writeJavaArray(V8Output out, Object array) {
		if (array instanceof byte[] bytes) {
			writeFresh(out, JsTypedArrayKind.UINT8, bytes);
			return;
		}
		JsTypedArrayKind kind;
		ByteBuffer b;
		if (array instanceof short[] a) {
			kind = JsTypedArrayKind.INT16;
			b = le(a.length * 2);
			b.asShortBuffer().put(a);
		}
		else if (array instanceof int[] a) {
			kind = JsTypedArrayKind.INT32;
			b = le(a.length * 4L);
			b.asIntBuffer().put(a);
		}
		else if (array instanceof long[] a) {
			kind = JsTypedArrayKind.BIGINT64;
			b = le(a.length * 8L);
			b.asLongBuffer().put(a);
		}
		else if (array instanceof float[] a) {
			kind = JsTypedArrayKind.FLOAT32;
			b = le(a.length * 4L);
			b.asFloatBuffer().put(a);
		}
		else {
			double[] a = (double[]) array;
			kind = JsTypedArrayKind.FLOAT64;
			b = le(a.length * 8L);
			b.asDoubleBuffer().put(a);
		}
		writeFresh(out, kind, b.array());
	}

	private static ByteBuffer le(long size) {
		if (size > Integer.MAX_VALUE - 16) {
			throw new V8ValueTooLargeException(Integer.MAX_VALUE - 16);
		}
		return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static void writeFresh(V8Output out, JsTypedArrayKind kind, byte[] bytes) {
		out.tag(V8Tags.ARRAY_BUFFER);
		out.varint(bytes.length);
		out.bytes(bytes, 0, bytes.length);
		out.tag(V8Tags.ARRAY_BUFFER_VIEW);
		out.tag(kind.subTag());
		out.varint(0);
		out.varint(bytes.length);
		out.varint(0);
	}

	static void writeBuffer(V8Output out, JsArrayBuffer buffer) {
		byte[] data = buffer.data();
		if (buffer.resizable()) {
			out.tag(V8Tags.RESIZABLE_ARRAY_BUFFER);
			out.varint(data.length);
			out.varint(buffer.maxByteLength());
		}
		else {
			out.tag(V8Tags.ARRAY_BUFFER);
			out.varint(data.length);
		}
		out.bytes(data, 0, data.length);
	}

	/** The {@code 'V'} part of a view whose buffer was just written (or referenced). */
	static void writeViewTag(V8Output out, JsTypedArray view) {
		out.tag(V8Tags.ARRAY_BUFFER_VIEW);
		out.tag(view.kind().subTag());
		out.varint(view.byteOffset());
		// V8 writes 0 as the length of a length-tracking view.
		out.varint(view.lengthTracking() ? 0 : view.byteLength());
		int flags = (view.lengthTracking() ? 1 : 0) | (view.buffer().resizable() ? 2 : 0);
		out.varint(flags);
	}

}
