package dev.denokv.value.js;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A primitive wrapper object: {@code new Number(1)}, {@code new String("s")},
 * {@code new Boolean(false)} or {@code Object(1n)}. Kept apart from the primitive so that it
 * round-trips as the wrapper.
 *
 * @param value a {@code Double}, {@code String}, {@code Boolean} or {@code BigInteger}
 */
public record JsBoxed(Object value) {

	public JsBoxed {
		Objects.requireNonNull(value, "value");
		if (!(value instanceof Double || value instanceof String || value instanceof Boolean
				|| value instanceof BigInteger)) {
			throw new IllegalArgumentException("A boxed primitive holds a Double, String, Boolean or BigInteger, not "
					+ value.getClass().getName());
		}
	}

}
