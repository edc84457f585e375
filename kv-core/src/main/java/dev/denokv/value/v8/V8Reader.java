package dev.denokv.value.v8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsInvalidDate;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.js.JsUndefined;

import static dev.denokv.value.v8.V8Tags.*;

/**
 * Reads one V8-serialized value (format versions 13 to 16) into Java values: objects become
 * {@code LinkedHashMap<String,Object>}, plain arrays {@code ArrayList}, numbers {@code Double},
 * bigints {@code BigInteger}, dates {@code Instant}, and the rest the {@code dev.denokv.value.js}
 * model. Shared and cyclic references come back as the same Java instance.
 *
 * <p>A host object of unknown form or an unknown tag makes the whole value a
 * {@link JsOpaque} that keeps the bytes. Malformed input fails with {@link V8DecodeException}.
 * Node's {@code v8.serialize} host-object form of typed arrays (as {@code @deno/kv} writes them)
 * is read as the typed array. Bytes after the value are ignored, as V8 ignores them.
 *
 * <p>One instance reads one value; the static methods are thread-safe.
 */
public final class V8Reader {

	/**
	 * Deepest nesting of objects, arrays, maps, sets, errors and host objects accepted (as in
	 * Deno's own Rust reader); deeper input fails cleanly instead of overflowing the stack.
	 */
	public static final int MAX_DEPTH = 256;

	final V8Input in;

	private final boolean undefinedAsNull;

	final boolean javaArrays;

	int version;

	boolean viewFlags;

	private Object[] ids = new Object[8];

	private int idCount;

	/** Ids referenced through {@code '^'}; created on first use. */
	private BitSet referenced;

	private int depth;

	private V8Reader(byte[] data, int offset, int length, V8ReadOptions options) {
		this.in = new V8Input(data, offset, offset + length);
		this.undefinedAsNull = options.undefinedAsNull();
		this.javaArrays = options.javaArrays();
	}

	/** Reads a value losslessly ({@link V8ReadOptions#LOSSLESS}). */
	public static Object read(byte[] data) {
		return read(data, V8ReadOptions.LOSSLESS);
	}

	public static Object read(byte[] data, V8ReadOptions options) {
		return read(data, 0, data.length, options);
	}

	/**
	 * Reads the value serialized in {@code data[offset, offset+length)}.
	 * @throws V8DecodeException if the bytes are not a valid V8 value
	 */
	public static Object read(byte[] data, int offset, int length, V8ReadOptions options) {
		if (offset < 0 || length < 0 || offset > data.length - length) {
			throw new IllegalArgumentException("Range [" + offset + ", +" + length + ") outside " + data.length + " bytes");
		}
		V8Reader reader = new V8Reader(data, offset, length, options);
		try {
			return reader.readTopLevel(false);
		}
		catch (V8DecodeException ex) {
			if (reader.version != 13) {
				throw ex;
			}
			// V8 once wrote version-13 data with view flags; like V8, retry assuming them.
			try {
				return new V8Reader(data, offset, length, options).readTopLevel(true);
			}
			catch (V8DecodeException retry) {
				throw ex;
			}
		}
	}

	private Object readTopLevel(boolean forceViewFlags) {
		if (this.in.remaining() < 2 || this.in.readByte() != VERSION) {
			throw this.in.error("missing V8 serialization header (0xFF, version)");
		}
		this.version = this.in.readVarint32();
		if (this.version < 13 || this.version > 16) {
			throw this.in.error("unsupported V8 serialization version " + (this.version & 0xFFFF_FFFFL));
		}
		this.viewFlags = this.version >= 14 || forceViewFlags;
		try {
			return readValue();
		}
		catch (Unreadable ex) {
			return new JsOpaque(Arrays.copyOfRange(this.in.buf, this.in.start, this.in.end), ex.offset, ex.getMessage());
		}
		catch (StackOverflowError ex) {
			// Only on a thread with a very small stack: MAX_DEPTH normally comes first.
			throw this.in.error("nesting too deep for this thread's stack");
		}
		catch (IllegalArgumentException ex) {
			// The js model checks its invariants in its constructors; any the bytes break that the
			// reader did not check first is still malformed input, not a bad argument of the caller.
			throw this.in.error(ex.getMessage());
		}
	}

	Object readValue() {
		int tag = this.in.readTag();
		switch (tag) {
			case UNDEFINED:
				return this.undefinedAsNull ? null : JsUndefined.INSTANCE;
			case NULL:
				return null;
			case TRUE:
				return Boolean.TRUE;
			case FALSE:
				return Boolean.FALSE;
			case INT32:
				return (double) this.in.readZigZag32();
			case UINT32:
				return (double) this.in.readUint32();
			case DOUBLE:
				return this.in.readDouble();
			case BIGINT:
				return this.in.readBigIntPayload();
			case ONE_BYTE_STRING:
				return this.in.readOneByteString();
			case TWO_BYTE_STRING:
				return this.in.readTwoByteString();
			case UTF8_STRING:
				return this.in.readUtf8String();
			case BEGIN_JS_OBJECT:
				return readObject();
			case BEGIN_DENSE_JS_ARRAY:
				return readDenseArray();
			case BEGIN_SPARSE_JS_ARRAY:
				return readSparseArray();
			case OBJECT_REFERENCE:
				return readReference();
			case DATE:
				return register(date(this.in.readDouble()));
			case TRUE_OBJECT:
				return register(new JsBoxed(Boolean.TRUE));
			case FALSE_OBJECT:
				return register(new JsBoxed(Boolean.FALSE));
			case NUMBER_OBJECT:
				return register(new JsBoxed(this.in.readDouble()));
			case BIGINT_OBJECT:
				return register(new JsBoxed(this.in.readBigIntPayload()));
			case STRING_OBJECT: {
				int id = reserveId();
				return fill(id, new JsBoxed(readString()));
			}
			case REGEXP:
				return V8BuiltinObjectReader.readRegExp(this);
			case BEGIN_JS_MAP:
				return V8BuiltinObjectReader.readMap(this);
			case BEGIN_JS_SET:
				return V8BuiltinObjectReader.readSet(this);
			case ARRAY_BUFFER: {
				int length = this.in.readLength(this.version >= 16);
				return V8BuiltinObjectReader.maybeView(this, register(new JsArrayBuffer(this.in.readBytes(length))));
			}
			case RESIZABLE_ARRAY_BUFFER:
				return V8BuiltinObjectReader.maybeView(this, register(V8BuiltinObjectReader.readResizableBuffer(this)));
			case ERROR:
				return V8BuiltinObjectReader.readError(this);
			case HOST_OBJECT:
				return V8BuiltinObjectReader.readHostObject(this);
			case VERIFY_OBJECT_COUNT:
				this.in.readVarint32();
				return readValue();
			case ARRAY_BUFFER_VIEW:
				throw this.in.error("array buffer view without a buffer");
			case THE_HOLE:
				throw this.in.error("hole outside a dense array");
			case END_JS_OBJECT, END_DENSE_JS_ARRAY, END_SPARSE_JS_ARRAY, END_JS_MAP, END_JS_SET:
				throw this.in.error("unexpected end tag '" + (char) tag + "'");
			default:
				throw Unreadable.ofTag(tag, this.in.pos - 1 - this.in.start);
		}
	}

	private static Object date(double ms) {
		if (Double.isNaN(ms) || Math.abs(ms) > MAX_DATE_MS) {
			return new JsInvalidDate();
		}
		// V8 truncates a fractional time value (TimeClip).
		return Instant.ofEpochMilli((long) ms);
	}

	int reserveId() {
		if (this.idCount == this.ids.length) {
			this.ids = Arrays.copyOf(this.ids, this.idCount * 2);
		}
		return this.idCount++;
	}

	<T> T register(T value) {
		return fill(reserveId(), value);
	}

	<T> T fill(int id, T value) {
		this.ids[id] = value;
		return value;
	}

	private boolean wasReferenced(int id) {
		return this.referenced != null && this.referenced.get(id);
	}

	void enter() {
		if (++this.depth > MAX_DEPTH) {
			throw this.in.error("nesting deeper than " + MAX_DEPTH);
		}
	}

	/** Closes a level opened with {@link #enter()}. */
	void leave() {
		this.depth--;
	}

	private Object readReference() {
		long id = this.in.readUint32();
		if (id >= this.idCount || this.ids[(int) id] == null) {
			throw this.in.error("reference to unknown object id " + id);
		}
		if (this.referenced == null) {
			this.referenced = new BitSet();
		}
		this.referenced.set((int) id);
		Object target = this.ids[(int) id];
		return (target instanceof JsArrayBuffer buffer) ? V8BuiltinObjectReader.maybeView(this, buffer) : target;
	}

	/** A string value (tagged), as RegExp sources, Error messages and String objects hold. */
	String readString() {
		int tag = this.in.readTag();
		return switch (tag) {
			case ONE_BYTE_STRING -> this.in.readOneByteString();
			case TWO_BYTE_STRING -> this.in.readTwoByteString();
			case UTF8_STRING -> this.in.readUtf8String();
			default -> throw this.in.error("expected a string, found tag 0x" + Integer.toHexString(tag));
		};
	}

	/** A property key: a string, or a number that JS turns into its string form. */
	private String readKey() {
		int tag = this.in.readTag();
		return switch (tag) {
			case ONE_BYTE_STRING -> this.in.readOneByteString();
			case TWO_BYTE_STRING -> this.in.readTwoByteString();
			case UTF8_STRING -> this.in.readUtf8String();
			case INT32 -> Integer.toString(this.in.readZigZag32());
			case UINT32 -> Long.toString(this.in.readUint32());
			case DOUBLE -> JsKeyNames.ofNumber(this.in.readDouble());
			default -> throw this.in.error("property key must be a string or number, found tag 0x"
					+ Integer.toHexString(tag));
		};
	}

	private Map<String, Object> readObject() {
		enter();
		LinkedHashMap<String, Object> object = register(new LinkedHashMap<>());
		int pairs = 0;
		// JS orders integer-index keys first, ascending; V8 writes them so, other writers may not.
		long lastIndex = -1;
		boolean named = false;
		boolean jsOrder = true;
		while (this.in.peekTag() != END_JS_OBJECT) {
			String key = readKey();
			Object value = readValue();
			int size = object.size();
			object.put(key, value);
			if (object.size() == size) {
				throw this.in.error("duplicate property '" + key + "'");
			}
			long index = (!key.isEmpty() && key.charAt(0) <= '9') ? JsKeyNames.arrayIndex(key) : -1;
			if (index >= 0) {
				jsOrder &= !named && index > lastIndex;
				lastIndex = index;
			}
			else {
				named = true;
			}
			pairs++;
		}
		this.in.readTag();
		checkCount("object property", this.in.readUint32(), pairs);
		this.depth--;
		if (!jsOrder) {
			JsKeyNames.putInJsOrder(object);
		}
		return object;
	}

	void checkCount(String what, long written, long read) {
		if (written != read) {
			throw this.in.error(what + " count " + written + " does not match the " + read + " read");
		}
	}

	private Object readDenseArray() {
		enter();
		long length = this.in.readUint32();
		// Every element takes at least one byte, so the length is bounded by the input.
		if (length > this.in.remaining()) {
			throw this.in.error("array length " + length + " exceeds the " + this.in.remaining() + " bytes left");
		}
		ArrayList<Object> list = new ArrayList<>((int) length);
		int id = reserveId();
		fill(id, list);
		JsArray array = null;
		for (int i = 0; i < length; i++) {
			if (this.in.peekTag() == THE_HOLE) {
				this.in.readTag();
				if (array == null) {
					array = new JsArray(length);
					for (int j = 0; j < list.size(); j++) {
						array.elements().put((long) j, list.get(j));
					}
				}
				continue;
			}
			Object value = readValue();
			if (array != null) {
				array.elements().put((long) i, value);
			}
			else {
				list.add(value);
			}
		}
		int pairs = 0;
		while (this.in.peekTag() != END_DENSE_JS_ARRAY) {
			if (array == null) {
				array = JsArray.of(list);
			}
			putArrayProperty(array, readKey(), readValue());
			pairs++;
		}
		endArray(pairs, length);
		if (array == null) {
			return list;
		}
		if (wasReferenced(id)) {
			// Children already hold the list; swapping in the JsArray would split the identity.
			throw new Unreadable(this.in.pos - this.in.start, "self-referencing array with holes or named properties");
		}
		return fill(id, array);
	}

	/** The end tag, then the property count and the length repeated, both verified. */
	private void endArray(int pairs, long length) {
		this.in.readTag();
		checkCount("array property", this.in.readUint32(), pairs);
		checkCount("array length", this.in.readUint32(), length);
		this.depth--;
	}

	private void putArrayProperty(JsArray array, String key, Object value) {
		long index = JsKeyNames.arrayIndex(key);
		if ((index >= 0) ? array.elements().containsKey(index) : array.properties().containsKey(key)) {
			throw this.in.error("duplicate property '" + key + "'");
		}
		if (index >= 0) {
			array.set(index, value);
		}
		else {
			array.properties().put(key, value);
		}
	}

	private Object readSparseArray() {
		enter();
		long length = this.in.readUint32();
		JsArray array = new JsArray(length);
		int id = reserveId();
		fill(id, array);
		int pairs = 0;
		while (this.in.peekTag() != END_SPARSE_JS_ARRAY) {
			putArrayProperty(array, readKey(), readValue());
			pairs++;
		}
		endArray(pairs, length);
		if (array.properties().isEmpty() && array.isDense() && !wasReferenced(id)) {
			// V8 writes arrays that were ever holey in this form even when full (new Array(n) filled).
			return fill(id, new ArrayList<>(array.elements().values()));
		}
		return array;
	}

}
