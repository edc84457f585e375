package dev.denokv.value.js;

/**
 * JavaScript {@code undefined}. The value codecs read it as {@code null} unless the caller asks
 * for the lossless form, so that {@code undefined} and {@code null} stay distinguishable.
 */
public enum JsUndefined {

	/** The only instance. */
	INSTANCE;

	@Override
	public String toString() {
		return "undefined";
	}

}
