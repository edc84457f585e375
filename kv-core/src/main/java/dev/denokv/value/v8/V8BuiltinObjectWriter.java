package dev.denokv.value.v8;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Set;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsHostObject;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsTypedArray;

import static dev.denokv.value.v8.V8Tags.*;

/**
 * Writes the built-in JS objects other than plain objects and arrays: Set, Date, typed-array
 * views, RegExp, boxed primitives, Error, Deno host objects and a nested {@code Deno.KvU64}.
 * {@link V8Writer} decides which Java value becomes which of these, and keeps the common values
 * (primitives, strings, objects, arrays) to itself.
 *
 * <p>Static methods over the {@link V8Writer} rather than an instance of their own: they share its
 * output, object ids and nesting depth, and writing a value must not allocate a helper.
 */
final class V8BuiltinObjectWriter {

	private V8BuiltinObjectWriter() {
	}

	static void writeSet(V8Writer writer, Set<?> set, Object identity) {
		V8Output out = writer.out;
		writer.assignId(identity);
		writer.enter();
		out.tag(BEGIN_JS_SET);
		long count = 0;
		for (Object element : set) {
			writer.writeValue(element);
			count++;
		}
		out.tag(END_JS_SET);
		out.varint(count);
		writer.leave();
	}

	static void writeDate(V8Writer writer, Instant instant, Object identity) {
		long seconds = instant.getEpochSecond();
		if (Math.abs(seconds) > (long) (MAX_DATE_MS / 1000)) {
			throw new KvInvalidArgumentException("Date " + instant + " is outside the JS Date range (±8.64e15 ms)");
		}
		long ms = instant.toEpochMilli();
		if (Math.abs(ms) > MAX_DATE_MS) {
			throw new KvInvalidArgumentException("Date " + instant + " is outside the JS Date range (±8.64e15 ms)");
		}
		if (identity instanceof Instant) {
			// Instant is a value type (and Instant.EPOCH a singleton): never shared, but a Date still takes an id.
			writer.skipId();
		}
		else {
			writer.assignId(identity);
		}
		writer.out.tag(DATE);
		writer.out.rawDouble(ms);
	}

	static void writeInvalidDate(V8Writer writer, Object identity) {
		writer.assignId(identity);
		writer.out.tag(DATE);
		writer.out.rawDouble(Double.NaN);
	}

	static void writeView(V8Writer writer, JsTypedArray view) {
		JsArrayBuffer buffer = view.buffer();
		if (!writer.backReference(buffer)) {
			writer.assignId(buffer);
			V8ViewWriter.writeBuffer(writer.out, buffer);
		}
		V8ViewWriter.writeViewTag(writer.out, view);
		writer.assignId(view);
	}

	static void writeRegExp(V8Writer writer, JsRegExp regExp, Object identity) {
		int flags;
		try {
			flags = regExp.flagBits();
		}
		catch (IllegalArgumentException ex) {
			throw new KvInvalidArgumentException(ex.getMessage());
		}
		writer.assignId(identity);
		writer.out.tag(REGEXP);
		writer.out.string(regExp.source());
		writer.out.varint(flags);
	}

	static void writeBoxed(V8Writer writer, JsBoxed boxed, Object identity) {
		V8Output out = writer.out;
		writer.assignId(identity);
		Object value = boxed.value();
		if (value instanceof Double d) {
			out.tag(NUMBER_OBJECT);
			out.rawDouble(d);
		}
		else if (value instanceof Boolean b) {
			out.tag(b ? TRUE_OBJECT : FALSE_OBJECT);
		}
		else if (value instanceof BigInteger big) {
			out.tag(BIGINT_OBJECT);
			out.bigIntPayload(big);
		}
		else {
			out.tag(STRING_OBJECT);
			out.string((String) value);
		}
	}

	static void writeError(V8Writer writer, JsError error, Object identity) {
		V8Output out = writer.out;
		writer.assignId(identity);
		writer.enter();
		out.tag(ERROR);
		int prototype = switch (error.name()) {
			case "EvalError" -> ERROR_EVAL;
			case "RangeError" -> ERROR_RANGE;
			case "ReferenceError" -> ERROR_REFERENCE;
			case "SyntaxError" -> ERROR_SYNTAX;
			case "TypeError" -> ERROR_TYPE;
			case "URIError" -> ERROR_URI;
			default -> -1;
		};
		if (prototype >= 0) {
			out.tag(prototype);
		}
		if (error.message() != null) {
			out.tag(ERROR_MESSAGE);
			out.string(error.message());
		}
		// Current V8 order (stack before cause), which older V8 reads as well.
		if (error.stack() != null) {
			out.tag(ERROR_STACK);
			out.string(error.stack());
		}
		if (error.hasCause()) {
			out.tag(ERROR_CAUSE);
			writer.writeValue(error.cause());
		}
		out.tag(ERROR_END);
		writer.leave();
	}

	static void writeHostObject(V8Writer writer, JsHostObject host, Object identity) {
		writer.assignId(identity);
		writer.enter();
		writer.out.tag(HOST_OBJECT);
		writer.out.varint(DENO_HOST_OBJECT & 0xFFFF_FFFFL);
		writer.writeValue(host.payload());
		writer.leave();
	}

	/** Deno.KvU64 nested in a value is a plain object with one property, as Deno writes it. */
	static void writeKvU64(V8Writer writer, KvU64 u64, Object identity) {
		V8Output out = writer.out;
		writer.assignId(identity);
		out.tag(BEGIN_JS_OBJECT);
		out.string("value");
		out.tag(BIGINT);
		out.bigIntPayload(u64.value());
		out.tag(END_JS_OBJECT);
		out.varint(1);
	}

}
