package dev.denokv.value.v8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeMap;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsHostObject;
import dev.denokv.value.js.JsInvalidDate;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsUndefined;

import static dev.denokv.value.v8.V8Tags.*;

/**
 * Writes one value in V8's serialization format version 15, choosing the tags V8 would choose,
 * so that Deno 2.x and {@code @deno/kv} on Node 20 read exactly the intended JS value.
 *
 * <p>Java mapping: {@code null} → null, {@link JsUndefined} → undefined, {@code Boolean},
 * numbers (int32 when integral and in range, else double; a {@code Long} beyond 2^53 is
 * rejected), {@code BigInteger} → bigint, {@code String}/{@code Character} → string,
 * {@code Map} with only String keys → object ({@link JsMap} or other keys → Map), {@code Set} → Set,
 * other collections and {@code Object[]} → array, {@link JsArray} → holey/sparse array,
 * {@code Instant}/{@code Date} → Date, {@code byte[]} → Uint8Array, {@code short[]}, {@code int[]},
 * {@code long[]}, {@code float[]}, {@code double[]} → Int16/Int32/BigInt64/Float32/Float64Array, the
 * rest of the {@code dev.denokv.value.js} model as itself, a nested {@link KvU64} as Deno writes it
 * ({@code {value: bigint}}). Anything else goes through the {@link V8ValueAdapter}.
 *
 * <p>An object met twice (by identity) is written once and then as a back-reference, which also
 * makes cycles representable. Strings, numbers and bigints are never shared, as in V8, and
 * neither are the JDK's shared empty collections ({@code List.of()}, {@code Map.of()}...).
 */
public final class V8Writer {

	/** The format version written: Deno 2.x reads it, and Node 20 rejects the newer 16. */
	public static final int VERSION = 15;

	/** Deepest nesting written. */
	public static final int MAX_DEPTH = V8Reader.MAX_DEPTH;

	final V8Output out;

	private final V8ValueAdapter adapter;

	private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();

	private int nextId;

	private int depth;

	private V8Writer(V8ValueAdapter adapter, int maxBytes) {
		this.out = new V8Output(maxBytes);
		this.adapter = adapter;
	}

	/** Writes a value with {@link StandardValueAdapter} and no size limit beyond 2 GiB. */
	public static byte[] write(Object value) {
		return write(value, StandardValueAdapter.INSTANCE, Integer.MAX_VALUE - 16);
	}

	/**
	 * Writes a value.
	 * @param adapter converts objects the writer has no V8 form for
	 * @param maxBytes the largest output accepted, header included
	 * @throws V8ValueTooLargeException beyond {@code maxBytes}
	 * @throws KvInvalidArgumentException if the value cannot be represented
	 */
	public static byte[] write(Object value, V8ValueAdapter adapter, int maxBytes) {
		if (value instanceof JsOpaque opaque) {
			// Kept verbatim: it is a whole serialized value that could not be interpreted.
			if (opaque.bytes().length > maxBytes) {
				throw new V8ValueTooLargeException(maxBytes);
			}
			return opaque.bytes().clone();
		}
		V8Writer writer = new V8Writer(adapter, maxBytes);
		writer.out.tag(V8Tags.VERSION);
		writer.out.varint(VERSION);
		try {
			writer.writeValue(value);
		}
		catch (StackOverflowError ex) {
			// Only on a thread with a very small stack, or through an adapter: MAX_DEPTH normally comes first.
			throw new KvInvalidArgumentException("Value nesting is too deep for this thread's stack");
		}
		return writer.out.toByteArray();
	}

	void writeValue(Object value) {
		if (value == null) {
			this.out.tag(NULL);
		}
		else if (value instanceof String s) {
			this.out.string(s);
		}
		else if (value instanceof Double d) {
			this.out.number(d);
		}
		else if (value instanceof Integer i) {
			this.out.tag(INT32);
			this.out.zigzag(i);
		}
		else if (value instanceof Boolean b) {
			this.out.tag(b ? TRUE : FALSE);
		}
		else if (value instanceof Long l) {
			writeLong(l);
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, map);
		}
		else if (value instanceof List<?> list) {
			writeList(list, list);
		}
		else {
			writeOther(value, value);
		}
	}

	private void writeLong(long l) {
		if (l == (int) l) {
			this.out.tag(INT32);
			this.out.zigzag((int) l);
		}
		else if (Math.abs(l) <= MAX_SAFE) {
			this.out.tag(DOUBLE);
			this.out.rawDouble(l);
		}
		else {
			throw new KvInvalidArgumentException("Long value " + l
					+ " is not exactly representable as a JS number (beyond 2^53); use BigInteger for a bigint");
		}
	}

	/** Writes {@code value}, which stands for {@code identity} (the original of an adapted object). */
	private void writeOther(Object value, Object identity) {
		if (value instanceof JsUndefined) {
			this.out.tag(UNDEFINED);
		}
		else if (value instanceof Float || value instanceof Short || value instanceof Byte) {
			this.out.number(((Number) value).doubleValue());
		}
		else if (value instanceof BigInteger big) {
			this.out.tag(BIGINT);
			this.out.bigIntPayload(big);
		}
		else if (value instanceof BigDecimal dec) {
			this.out.number(dec.doubleValue());
		}
		else if (value instanceof Character c) {
			this.out.string(c.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, identity);
		}
		else if (value instanceof List<?> list) {
			writeList(list, identity);
		}
		else if (backReference(identity)) {
			return;
		}
		else if (value instanceof Set<?> set) {
			V8BuiltinObjectWriter.writeSet(this, set, identity);
		}
		else if (value instanceof Collection<?> collection) {
			writeList(new java.util.ArrayList<>(collection), identity);
		}
		else if (value instanceof Object[] array) {
			writeList(java.util.Arrays.asList(array), identity);
		}
		else if (value instanceof Instant instant) {
			V8BuiltinObjectWriter.writeDate(this, instant, identity);
		}
		else if (value instanceof Date date) {
			// Not toInstant(): java.sql.Date and java.sql.Time throw there; getTime() is what JS keeps (ms).
			V8BuiltinObjectWriter.writeDate(this, Instant.ofEpochMilli(date.getTime()), identity);
		}
		else if (V8ViewWriter.isJavaArray(value)) {
			// Two ids, as in V8: the implicit ArrayBuffer, then the view.
			this.nextId++;
			V8ViewWriter.writeJavaArray(this.out, value);
			assignId(identity);
		}
		else if (value instanceof JsTypedArray view) {
			V8BuiltinObjectWriter.writeView(this, view);
		}
		else if (value instanceof JsArrayBuffer buffer) {
			assignId(buffer);
			V8ViewWriter.writeBuffer(this.out, buffer);
		}
		else {
			writeModel(value, identity);
		}
	}

	private void writeModel(Object value, Object identity) {
		if (value instanceof JsArray array) {
			writeJsArray(array, identity);
		}
		else if (value instanceof JsInvalidDate) {
			V8BuiltinObjectWriter.writeInvalidDate(this, identity);
		}
		else if (value instanceof JsRegExp regExp) {
			V8BuiltinObjectWriter.writeRegExp(this, regExp, identity);
		}
		else if (value instanceof JsBoxed boxed) {
			V8BuiltinObjectWriter.writeBoxed(this, boxed, identity);
		}
		else if (value instanceof JsError error) {
			V8BuiltinObjectWriter.writeError(this, error, identity);
		}
		else if (value instanceof JsHostObject host) {
			V8BuiltinObjectWriter.writeHostObject(this, host, identity);
		}
		else if (value instanceof KvU64 u64) {
			V8BuiltinObjectWriter.writeKvU64(this, u64, identity);
		}
		else if (value instanceof JsOpaque) {
			throw new KvInvalidArgumentException("An opaque value (JsOpaque) can only be stored as a whole value, "
					+ "not nested in another value");
		}
		else if (identity != value) {
			throw new KvInvalidArgumentException("The value adapter turned a " + identity.getClass().getName()
					+ " into a " + value.getClass().getName() + ", which has no V8 form either");
		}
		else {
			Object adapted = this.adapter.adapt(value);
			if (adapted == value) {
				throw new KvInvalidArgumentException("Cannot serialize a " + value.getClass().getName());
			}
			writeAdapted(adapted, identity);
		}
	}

	private void writeAdapted(Object adapted, Object identity) {
		if (adapted instanceof Map<?, ?> || adapted instanceof Collection<?> || adapted instanceof Object[]) {
			writeOther(adapted, identity);
		}
		else {
			// A scalar stand-in (an enum's name, say) carries no identity.
			writeValue(adapted);
		}
	}

	boolean backReference(Object identity) {
		Integer id = this.ids.get(identity);
		if (id == null) {
			return false;
		}
		this.out.tag(OBJECT_REFERENCE);
		this.out.varint(id);
		return true;
	}

	/**
	 * Numbers the object V8 would number here and remembers it for back-references, except the
	 * JDK's shared empty singletons: they get their id, as each separate empty JS array or object
	 * does, but are never referenced back (see {@link JdkEmptySingletons}).
	 */
	void assignId(Object identity) {
		if (JdkEmptySingletons.is(identity)) {
			this.nextId++;
			return;
		}
		this.ids.put(identity, this.nextId++);
	}

	/** Takes an id for an object that is never referenced again, as V8 numbers every object it writes. */
	void skipId() {
		this.nextId++;
	}

	void enter() {
		if (++this.depth > MAX_DEPTH) {
			throw new KvInvalidArgumentException("Value nesting is deeper than " + MAX_DEPTH + " levels");
		}
	}

	/** Closes a level opened with {@link #enter()}. */
	void leave() {
		this.depth--;
	}

	private void writeMap(Map<?, ?> map, Object identity) {
		if (backReference(identity)) {
			return;
		}
		boolean indexKeys = false;
		boolean stringKeys = !(map instanceof JsMap);
		if (stringKeys) {
			for (Object key : map.keySet()) {
				if (!(key instanceof String s)) {
					stringKeys = false;
					break;
				}
				if (!s.isEmpty() && s.charAt(0) <= '9' && JsKeyNames.arrayIndex(s) >= 0) {
					indexKeys = true;
				}
			}
		}
		assignId(identity);
		enter();
		if (!stringKeys) {
			this.out.tag(BEGIN_JS_MAP);
			long count = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				writeValue(entry.getKey());
				writeValue(entry.getValue());
				count += 2;
			}
			this.out.tag(END_JS_MAP);
			this.out.varint(count);
		}
		else {
			this.out.tag(BEGIN_JS_OBJECT);
			int count = indexKeys ? writeIndexKeyProperties(map) : writeProperties(map);
			this.out.tag(END_JS_OBJECT);
			this.out.varint(count);
		}
		this.depth--;
	}

	private int writeProperties(Map<?, ?> map) {
		int count = 0;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			this.out.string((String) entry.getKey());
			writeValue(entry.getValue());
			count++;
		}
		return count;
	}

	/** Like V8: integer-index keys first, ascending and as numbers, then the others in order. */
	private int writeIndexKeyProperties(Map<?, ?> map) {
		TreeMap<Long, Object> indexed = new TreeMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			long index = JsKeyNames.arrayIndex((String) entry.getKey());
			if (index >= 0) {
				indexed.put(index, entry.getValue());
			}
		}
		for (Map.Entry<Long, Object> entry : indexed.entrySet()) {
			this.out.number(entry.getKey());
			writeValue(entry.getValue());
		}
		int count = indexed.size();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			if (JsKeyNames.arrayIndex((String) entry.getKey()) < 0) {
				this.out.string((String) entry.getKey());
				writeValue(entry.getValue());
				count++;
			}
		}
		return count;
	}

	private void writeList(List<?> list, Object identity) {
		if (backReference(identity)) {
			return;
		}
		assignId(identity);
		enter();
		int size = list.size();
		this.out.tag(BEGIN_DENSE_JS_ARRAY);
		this.out.varint(size);
		int written = 0;
		if (list instanceof RandomAccess) {
			for (; written < size; written++) {
				writeValue(list.get(written));
			}
		}
		else {
			for (Iterator<?> it = list.iterator(); it.hasNext() && written < size; written++) {
				writeValue(it.next());
			}
		}
		if (written != size || list.size() != size) {
			throw new KvInvalidArgumentException("List changed size while being serialized");
		}
		this.out.tag(END_DENSE_JS_ARRAY);
		this.out.varint(0);
		this.out.varint(size);
		this.depth--;
	}

	private void writeJsArray(JsArray array, Object identity) {
		assignId(identity);
		enter();
		boolean dense = array.isDense();
		this.out.tag(dense ? BEGIN_DENSE_JS_ARRAY : BEGIN_SPARSE_JS_ARRAY);
		this.out.varint(array.length());
		for (Map.Entry<Long, Object> element : array.elements().entrySet()) {
			if (!dense) {
				this.out.number(element.getKey());
			}
			writeValue(element.getValue());
		}
		int count = dense ? 0 : array.elements().size();
		for (Map.Entry<String, Object> property : array.properties().entrySet()) {
			this.out.string(property.getKey());
			writeValue(property.getValue());
			count++;
		}
		this.out.tag(dense ? END_DENSE_JS_ARRAY : END_SPARSE_JS_ARRAY);
		this.out.varint(count);
		this.out.varint(array.length());
		this.depth--;
	}

}
