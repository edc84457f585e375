package dev.denokv.value.js;

import java.math.BigInteger;

/**
 * JavaScript key equality for {@link JsMap} and {@link JsSet} (SameValueZero): primitives compare
 * by value, with every Java number compared as a JS number and -0 equal to 0; objects compare by
 * identity, so that equal-looking but distinct objects stay distinct and no container is ever
 * hashed (a container may contain itself).
 */
final class JsKeys {

	private JsKeys() {
	}

	static Object normalize(Object key) {
		if (key == null || key instanceof String || key instanceof Boolean || key instanceof BigInteger
				|| key instanceof JsUndefined) {
			return key;
		}
		if (key instanceof Double || key instanceof Float || key instanceof Integer || key instanceof Long
				|| key instanceof Short || key instanceof Byte) {
			double d = ((Number) key).doubleValue();
			return (d == 0) ? 0.0 : d;
		}
		return new Identity(key);
	}

	/** Wraps an object so that it is compared by identity. */
	private record Identity(Object target) {

		@Override
		public boolean equals(Object o) {
			return o instanceof Identity other && other.target == this.target;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.target);
		}

	}

}
