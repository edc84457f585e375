package dev.denokv.value.v8;

/**
 * How {@link V8Reader} presents what it reads.
 *
 * @param undefinedAsNull read {@code undefined} as {@code null} instead of
 * {@link dev.denokv.value.js.JsUndefined}
 * @param javaArrays read Uint8Array, Int16Array, Int32Array, BigInt64Array, Float32Array and
 * Float64Array over fixed-length buffers as {@code byte[]}, {@code short[]}, {@code int[]},
 * {@code long[]}, {@code float[]} and {@code double[]} (copies) instead of
 * {@link dev.denokv.value.js.JsTypedArray}
 */
public record V8ReadOptions(boolean undefinedAsNull, boolean javaArrays) {

	/** Everything as read: {@code JsUndefined}, {@code JsTypedArray} with shared buffers. */
	public static final V8ReadOptions LOSSLESS = new V8ReadOptions(false, false);

	/** The natural Java form: {@code undefined} as null, typed arrays as Java arrays. */
	public static final V8ReadOptions NATURAL = new V8ReadOptions(true, true);

}
