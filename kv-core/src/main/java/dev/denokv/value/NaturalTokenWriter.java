package dev.denokv.value;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import dev.denokv.key.JsNumberFormat;
import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsUndefined;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Replays a value in its natural form as Jackson tokens, for binding to records and POJOs: JS
 * objects as JSON objects, arrays and sets as arrays, numbers as doubles (Jackson narrows them
 * for integer targets), bigints and KvU64s as big integers, byte arrays as binary, primitive arrays as
 * arrays of numbers; anything else (dates, maps with object keys, the JS model) as an embedded
 * object that the target type takes as it is.
 */
final class NaturalTokenWriter {

	/**
	 * Largest array length replayed with its holes as nulls (longer ones are embedded as they
	 * are). Each hole counts against the guard's element budget, so their total across the value
	 * is bounded too.
	 */
	private static final long MAX_HOLEY_LENGTH = 1 << 20;

	private final TokenBuffer out = TokenBuffer.forGeneration();

	/** Refuses cycles (a token stream has no references) and bounds how far sharing expands. */
	private final TreeCopyGuard guard = new TreeCopyGuard();

	private NaturalTokenWriter() {
	}

	static TokenBuffer tokens(Object natural) {
		NaturalTokenWriter writer = new NaturalTokenWriter();
		writer.write(natural);
		return writer.out;
	}

	private void write(Object value) {
		this.guard.spend(1);
		if (value == null || value instanceof JsUndefined) {
			this.out.writeNull();
		}
		else if (value instanceof String s) {
			this.out.writeString(s);
		}
		else if (value instanceof Double d) {
			this.out.writeNumber(d);
		}
		else if (value instanceof Boolean b) {
			this.out.writeBoolean(b);
		}
		else if (value instanceof BigInteger big) {
			this.out.writeNumber(big);
		}
		else if (value instanceof KvU64 u64) {
			this.out.writeNumber(u64.value());
		}
		else if (value instanceof byte[] bytes) {
			// Bound by length, as primitive arrays are: a shared one is copied per reference.
			this.guard.spend(bytes.length);
			this.out.writeBinary(bytes);
		}
		else if (value instanceof Map<?, ?> map && stringLikeKeys(map)) {
			this.guard.enter(map);
			this.out.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				this.out.writeName(keyName(entry.getKey()));
				write(entry.getValue());
			}
			this.out.writeEndObject();
			this.guard.exit(map);
		}
		else if (value instanceof Collection<?> collection) {
			this.guard.enter(collection);
			this.out.writeStartArray();
			for (Object element : collection) {
				write(element);
			}
			this.out.writeEndArray();
			this.guard.exit(collection);
		}
		else if (value instanceof JsArray array && array.length() <= MAX_HOLEY_LENGTH) {
			this.guard.enter(array);
			this.out.writeStartArray();
			for (long i = 0; i < array.length(); i++) {
				write(array.get(i));
			}
			this.out.writeEndArray();
			this.guard.exit(array);
		}
		else if (!writePrimitiveArray(value)) {
			this.out.writePOJO(value);
		}
	}

	private boolean writePrimitiveArray(Object value) {
		// Each item is a token: a shared typed array is copied per reference, like any container.
		if (value instanceof short[] a) {
			this.guard.spend(a.length);
			this.out.writeStartArray();
			for (short v : a) {
				this.out.writeNumber(v);
			}
		}
		else if (value instanceof int[] a) {
			this.guard.spend(a.length);
			this.out.writeArray(a, 0, a.length);
			return true;
		}
		else if (value instanceof long[] a) {
			this.guard.spend(a.length);
			this.out.writeArray(a, 0, a.length);
			return true;
		}
		else if (value instanceof float[] a) {
			this.guard.spend(a.length);
			this.out.writeStartArray();
			for (float v : a) {
				this.out.writeNumber(v);
			}
		}
		else if (value instanceof double[] a) {
			this.guard.spend(a.length);
			this.out.writeArray(a, 0, a.length);
			return true;
		}
		else {
			return false;
		}
		this.out.writeEndArray();
		return true;
	}

	private static boolean stringLikeKeys(Map<?, ?> map) {
		for (Object key : map.keySet()) {
			if (!(key instanceof String || key instanceof Double || key instanceof Boolean || key instanceof BigInteger)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The property name for a JS Map key, as JS's {@code String(key)} gives it (1 for the number
	 * 1.0, 100000000000000000000 for 1e20); NaturalTypeConverter names keys alike.
	 */
	static String keyName(Object key) {
		if (key instanceof Double d) {
			return JsNumberFormat.format(d);
		}
		return String.valueOf(key);
	}

}
