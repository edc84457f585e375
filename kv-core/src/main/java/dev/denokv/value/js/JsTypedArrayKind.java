package dev.denokv.value.js;

/**
 * The kinds of ArrayBuffer view, with V8's serialization sub-tag and the element size.
 */
public enum JsTypedArrayKind {

	INT8("Int8Array", 'b', 1),
	UINT8("Uint8Array", 'B', 1),
	UINT8_CLAMPED("Uint8ClampedArray", 'C', 1),
	INT16("Int16Array", 'w', 2),
	UINT16("Uint16Array", 'W', 2),
	INT32("Int32Array", 'd', 4),
	UINT32("Uint32Array", 'D', 4),
	FLOAT16("Float16Array", 'h', 2),
	FLOAT32("Float32Array", 'f', 4),
	FLOAT64("Float64Array", 'F', 8),
	BIGINT64("BigInt64Array", 'q', 8),
	BIGUINT64("BigUint64Array", 'Q', 8),
	/** A DataView: any byte length, no element size rule. */
	DATA_VIEW("DataView", '?', 1);

	private static final JsTypedArrayKind[] BY_SUB_TAG = new JsTypedArrayKind[128];

	static {
		for (JsTypedArrayKind kind : values()) {
			BY_SUB_TAG[kind.subTag] = kind;
		}
	}

	private final String jsName;

	private final char subTag;

	private final int elementSize;

	JsTypedArrayKind(String jsName, char subTag, int elementSize) {
		this.jsName = jsName;
		this.subTag = subTag;
		this.elementSize = elementSize;
	}

	/** The JS constructor name, for example {@code "Int16Array"}. */
	public String jsName() {
		return this.jsName;
	}

	/** V8's ArrayBufferView sub-tag. */
	public int subTag() {
		return this.subTag;
	}

	/** Bytes per element (1 for DataView). */
	public int elementSize() {
		return this.elementSize;
	}

	/** The kind for a V8 sub-tag, or null if unknown. */
	public static JsTypedArrayKind ofSubTag(int subTag) {
		return (subTag >= 0 && subTag < BY_SUB_TAG.length) ? BY_SUB_TAG[subTag] : null;
	}

}
