package dev.denokv.value.v8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

import dev.denokv.key.JsNumberFormat;

/**
 * Property keys as JavaScript sees them: V8 writes integer-index keys as numbers, and JS turns
 * every key into a string; array indices (0 .. 2^32-2 in canonical form) are special in arrays
 * and come first, ascending, in an object's property order.
 */
final class JsKeyNames {

	private JsKeyNames() {
	}

	/** JS {@code ToString} of a number used as a property key. */
	static String ofNumber(double d) {
		return JsNumberFormat.format(d);
	}

	/** The array index a key denotes in canonical form, or -1 when it is not an array index. */
	static long arrayIndex(String key) {
		int n = key.length();
		if (n == 0 || n > 10) {
			return -1;
		}
		char first = key.charAt(0);
		if (first < '0' || first > '9' || (first == '0' && n > 1)) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < n; i++) {
			char c = key.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value < 0xFFFF_FFFFL) ? value : -1;
	}

	/** Puts integer-index keys first, ascending, as JS orders an object's properties (in place: it may be shared). */
	static void putInJsOrder(LinkedHashMap<String, Object> object) {
		TreeMap<Long, String> indexKeys = new TreeMap<>();
		List<String> named = new ArrayList<>();
		for (String key : object.keySet()) {
			long index = arrayIndex(key);
			if (index >= 0) {
				indexKeys.put(index, key);
			}
			else {
				named.add(key);
			}
		}
		LinkedHashMap<String, Object> copy = new LinkedHashMap<>(object);
		object.clear();
		indexKeys.values().forEach((key) -> object.put(key, copy.get(key)));
		named.forEach((key) -> object.put(key, copy.get(key)));
	}

}
