package dev.denokv.value.js;

/**
 * A JavaScript {@code Date} whose time value is {@code NaN} ({@code new Date(NaN)}), which
 * {@link java.time.Instant} cannot hold. Valid dates read as {@code Instant}. Each instance is a
 * distinct JS object (so two invalid dates are not one shared object), but all are equal.
 */
public final class JsInvalidDate {

	@Override
	public boolean equals(Object o) {
		return o instanceof JsInvalidDate;
	}

	@Override
	public int hashCode() {
		return JsInvalidDate.class.hashCode();
	}

	@Override
	public String toString() {
		return "Invalid Date";
	}

}
