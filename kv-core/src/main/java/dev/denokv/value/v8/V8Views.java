package dev.denokv.value.v8;

import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;

/**
 * Reads ArrayBuffer views: V8's own form (a buffer followed by {@code 'V'}) and the host-object
 * form that Node's {@code v8.serialize} (and so {@code @deno/kv}) writes for typed arrays.
 */
final class V8Views {

	/** Node's host-object type indices (lib/v8.js arrayBufferViewTypes; 10 is Buffer, 13 Float16Array in Deno). */
	private static final JsTypedArrayKind[] NODE_KINDS = { JsTypedArrayKind.INT8, JsTypedArrayKind.UINT8,
			JsTypedArrayKind.UINT8_CLAMPED, JsTypedArrayKind.INT16, JsTypedArrayKind.UINT16, JsTypedArrayKind.INT32,
			JsTypedArrayKind.UINT32, JsTypedArrayKind.FLOAT32, JsTypedArrayKind.FLOAT64, JsTypedArrayKind.DATA_VIEW,
			JsTypedArrayKind.UINT8, JsTypedArrayKind.BIGINT64, JsTypedArrayKind.BIGUINT64, JsTypedArrayKind.FLOAT16 };

	private V8Views() {
	}

	/**
	 * Reads the view after its {@code 'V'} tag; null for an unknown sub-tag.
	 * @param wide version 16: offsets and lengths are 64-bit varints
	 * @param flags version 14 and later: a flags varint follows
	 */
	static Object read(V8Input in, JsArrayBuffer buffer, boolean wide, boolean flags, boolean javaArrays) {
		int subTag = in.readByte();
		if (subTag >= 0x80) {
			throw in.error("invalid array buffer view sub-tag");
		}
		long offset = wide ? in.readVarint64() : in.readUint32();
		long length = wide ? in.readVarint64() : in.readUint32();
		int viewFlags = flags ? in.readVarint32() : 0;
		JsTypedArrayKind kind = JsTypedArrayKind.ofSubTag(subTag);
		if (kind == null) {
			return null;
		}
		if ((viewFlags & ~3) != 0) {
			throw in.error("invalid array buffer view flags " + viewFlags);
		}
		boolean lengthTracking = (viewFlags & 1) != 0;
		if (((viewFlags & 2) != 0) != buffer.resizable() || (lengthTracking && !buffer.resizable())) {
			throw in.error("array buffer view flags " + viewFlags + " do not match its buffer");
		}
		long size = buffer.byteLength();
		if (offset > size || (!lengthTracking && length > size - offset)) {
			throw in.error("array buffer view [" + offset + ", +" + length + ") outside its buffer of " + size + " bytes");
		}
		int element = kind.elementSize();
		if (offset % element != 0 || (!lengthTracking && length % element != 0)) {
			throw in.error(kind.jsName() + " offset and length must be multiples of " + element);
		}
		JsTypedArray view = new JsTypedArray(kind, buffer, (int) offset, (int) length, lengthTracking);
		return (javaArrays && !buffer.resizable()) ? toJavaArray(view) : view;
	}

	/**
	 * Reads Node's host-object typed array after its type index: byte length, then the bytes.
	 * Returns null when {@code index} is not one of Node's view types.
	 */
	static Object readNodeHostView(V8Input in, int index, boolean javaArrays) {
		if (index < 0 || index >= NODE_KINDS.length) {
			return null;
		}
		JsTypedArrayKind kind = NODE_KINDS[index];
		int length = in.readLength(false);
		if (length % kind.elementSize() != 0) {
			throw in.error(kind.jsName() + " byte length " + length + " is not a multiple of " + kind.elementSize());
		}
		JsTypedArray view = new JsTypedArray(kind, new JsArrayBuffer(in.readBytes(length)), 0, length, false);
		return javaArrays ? toJavaArray(view) : view;
	}

	/** The Java array for the kinds that have a natural one; other views stay as they are. */
	static Object toJavaArray(JsTypedArray view) {
		return switch (view.kind()) {
			case UINT8 -> view.toByteArray();
			case INT16 -> view.toShortArray();
			case INT32 -> view.toIntArray();
			case BIGINT64 -> view.toLongArray();
			case FLOAT32 -> view.toFloatArray();
			case FLOAT64 -> view.toDoubleArray();
			default -> view;
		};
	}

}
