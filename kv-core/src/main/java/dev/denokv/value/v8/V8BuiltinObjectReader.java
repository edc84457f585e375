package dev.denokv.value.v8;

import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsHostObject;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsSet;

import static dev.denokv.value.v8.V8Tags.*;

/**
 * Reads the built-in JS objects other than plain objects and arrays: RegExp, Map, Set, resizable
 * ArrayBuffers and views over buffers, Error and host objects. {@link V8Reader} keeps the common
 * values (primitives, strings, plain objects, arrays) to itself and hands these over.
 *
 * <p>Static methods over the {@link V8Reader} rather than an instance of their own: they share its
 * input, object ids and nesting depth, and reading a value must not allocate a helper.
 */
final class V8BuiltinObjectReader {

	private V8BuiltinObjectReader() {
	}

	static JsRegExp readRegExp(V8Reader reader) {
		int id = reader.reserveId();
		String source = reader.readString();
		long flags = reader.in.readUint32();
		if (flags >= 0x200) {
			throw reader.in.error("invalid regular expression flags 0x" + Long.toHexString(flags));
		}
		// JsRegExp refuses 'l' and 'u' with 'v', as V8 does ("Unable to deserialize cloned data");
		// V8Reader turns that into a V8DecodeException like any invariant the js model checks.
		return reader.fill(id, new JsRegExp(source, JsRegExp.flagsOf((int) flags)));
	}

	static JsMap readMap(V8Reader reader) {
		V8Input in = reader.in;
		reader.enter();
		JsMap map = reader.register(new JsMap());
		long read = 0;
		while (in.peekTag() != END_JS_MAP) {
			Object key = reader.readValue();
			map.put(key, reader.readValue());
			read += 2;
		}
		in.readTag();
		reader.checkCount("map entry", in.readUint32(), read);
		reader.leave();
		return map;
	}

	static JsSet readSet(V8Reader reader) {
		V8Input in = reader.in;
		reader.enter();
		JsSet set = reader.register(new JsSet());
		long read = 0;
		while (in.peekTag() != END_JS_SET) {
			set.add(reader.readValue());
			read++;
		}
		in.readTag();
		reader.checkCount("set element", in.readUint32(), read);
		reader.leave();
		return set;
	}

	static JsArrayBuffer readResizableBuffer(V8Reader reader) {
		V8Input in = reader.in;
		boolean wide = reader.version >= 16;
		long length = wide ? in.readVarint64() : in.readUint32();
		long max = wide ? in.readVarint64() : in.readUint32();
		if (length > max) {
			throw in.error("resizable buffer length " + length + " exceeds its maximum " + max);
		}
		if (length > in.remaining()) {
			throw in.error("length " + length + " exceeds the " + in.remaining() + " bytes left");
		}
		return new JsArrayBuffer(in.readBytes((int) length), max);
	}

	/** After a buffer, a {@code 'V'} makes the value a view over it (V8 writes views this way). */
	static Object maybeView(V8Reader reader, JsArrayBuffer buffer) {
		V8Input in = reader.in;
		if (in.peekTag() != ARRAY_BUFFER_VIEW) {
			return buffer;
		}
		in.readTag();
		int at = in.pos - in.start;
		Object view = V8Views.read(in, buffer, reader.version >= 16, reader.viewFlags, reader.javaArrays);
		if (view == null) {
			throw new Unreadable(at, "unknown array buffer view sub-tag");
		}
		return reader.register(view);
	}

	static JsError readError(V8Reader reader) {
		V8Input in = reader.in;
		reader.enter();
		JsError error = reader.register(new JsError("Error", null));
		// Sub-tags in any order: V8 before 12.1 wrote the cause before the stack.
		while (true) {
			int subTag = in.readByte();
			switch (subTag) {
				case ERROR_EVAL -> error.name("EvalError");
				case ERROR_RANGE -> error.name("RangeError");
				case ERROR_REFERENCE -> error.name("ReferenceError");
				case ERROR_SYNTAX -> error.name("SyntaxError");
				case ERROR_TYPE -> error.name("TypeError");
				case ERROR_URI -> error.name("URIError");
				case ERROR_MESSAGE -> error.message(reader.readString());
				case ERROR_STACK -> error.stack(reader.readString());
				case ERROR_CAUSE -> error.cause(reader.readValue());
				case ERROR_END -> {
					reader.leave();
					return error;
				}
				default -> throw new Unreadable(in.pos - 1 - in.start,
						String.format("unknown Error sub-tag 0x%02x", subTag));
			}
		}
	}

	static Object readHostObject(V8Reader reader) {
		V8Input in = reader.in;
		int id = reader.reserveId();
		int start = in.pos - 1 - in.start;
		int kind = in.readVarint32();
		if (kind == DENO_HOST_OBJECT) {
			reader.enter();
			JsHostObject host = reader.fill(id, new JsHostObject(null));
			host.payload(reader.readValue());
			reader.leave();
			return host;
		}
		Object view = V8Views.readNodeHostView(in, kind, reader.javaArrays);
		if (view == null) {
			throw new Unreadable(start, "host object of unknown form " + (kind & 0xFFFF_FFFFL));
		}
		return reader.fill(id, view);
	}

}
