package dev.denokv.value.v8;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import dev.denokv.value.js.JsSet;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;
import dev.denokv.value.js.JsUndefined;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a decoded value in the descriptor format of {@code shared/vectors/README.md}, so that
 * it can be compared with what real Deno recorded; and compares descriptors.
 */
public final class JsDescriptors {

	private static final JsonNodeFactory F = JsonNodeFactory.instance;

	private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();

	private int next = 1;

	private JsDescriptors() {
	}

	/** The descriptor of a lossless value (a top-level {@code byte[]} renders as a Uint8Array). */
	public static JsonNode of(Object value) {
		return new JsDescriptors().render(value);
	}

	private ObjectNode node(String t) {
		ObjectNode n = F.objectNode();
		n.put("t", t);
		return n;
	}

	/** Assigns an id, or returns a ref node when the object was visited before. */
	private ObjectNode object(Object value, String t) {
		Integer id = this.ids.get(value);
		if (id != null) {
			ObjectNode ref = node("ref");
			ref.put("id", id);
			return ref;
		}
		this.ids.put(value, this.next);
		ObjectNode n = node(t);
		n.put("id", this.next++);
		return n;
	}

	static JsonNode number(double d) {
		ObjectNode n = F.objectNode();
		n.put("t", "number");
		if (Double.isNaN(d)) {
			n.put("v", "NaN");
		}
		else if (Double.isInfinite(d)) {
			n.put("v", (d > 0) ? "Infinity" : "-Infinity");
		}
		else if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
			n.put("v", "-0");
		}
		else {
			n.put("v", d);
		}
		n.put("f64", String.format("%016x", Double.doubleToRawLongBits(d)));
		return n;
	}

	private JsonNode render(Object v) {
		if (v == null) {
			return node("null");
		}
		if (v instanceof JsUndefined) {
			return node("undefined");
		}
		if (v instanceof Boolean b) {
			return node("boolean").put("v", b);
		}
		if (v instanceof Double d) {
			return number(d);
		}
		if (v instanceof BigInteger big) {
			return node("bigint").put("v", big.toString());
		}
		if (v instanceof String s) {
			return node("string").put("v", s);
		}
		if (v instanceof KvU64 u) {
			return object(u, "KvU64").put("v", u.value().toString());
		}
		if (v instanceof byte[] bytes) {
			return view(v, JsTypedArrayKind.UINT8, bytes, 0, bytes.length, new Object());
		}
		if (v instanceof JsTypedArray view) {
			return view(view, view.kind(), view.buffer().data(), view.byteOffset(), view.byteLength(), view.buffer());
		}
		if (v instanceof JsArrayBuffer buffer) {
			ObjectNode n = object(buffer, "ArrayBuffer");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			return n.put("byteLength", buffer.byteLength()).put("hex", HexFormat.of().formatHex(buffer.data()));
		}
		if (v instanceof Map<?, ?> map) {
			boolean jsMap = map instanceof JsMap;
			ObjectNode n = object(map, jsMap ? "Map" : "Object");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			ArrayNode entries = n.putArray("entries");
			map.forEach((key, value) -> {
				ArrayNode pair = entries.addArray();
				pair.add(jsMap ? render(key) : F.stringNode((String) key));
				pair.add(render(value));
			});
			return n;
		}
		if (v instanceof List<?> list) {
			ObjectNode n = object(list, "Array");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			n.put("length", list.size());
			ArrayNode elements = n.putArray("elements");
			for (int i = 0; i < list.size(); i++) {
				elements.addArray().add(i).add(render(list.get(i)));
			}
			return n;
		}
		if (v instanceof JsArray array) {
			ObjectNode n = object(array, "Array");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			n.put("length", array.length());
			ArrayNode elements = n.putArray("elements");
			array.elements().forEach((index, value) -> elements.addArray().add(index).add(render(value)));
			if (!array.properties().isEmpty()) {
				ArrayNode props = n.putArray("props");
				array.properties().forEach((key, value) -> props.addArray().add(key).add(render(value)));
			}
			return n;
		}
		if (v instanceof Set<?> set) {
			ObjectNode n = object(set, "Set");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			ArrayNode values = n.putArray("values");
			set.forEach((value) -> values.add(render(value)));
			return n;
		}
		return renderOther(v);
	}

	private JsonNode renderOther(Object v) {
		if (v instanceof Instant instant) {
			// Instants are values (Instant.EPOCH is a singleton): every one is a new Date.
			ObjectNode n = node("Date").put("id", this.next++);
			return n.put("ms", instant.toEpochMilli());
		}
		if (v instanceof JsInvalidDate) {
			ObjectNode n = object(v, "Date");
			return n.get("t").asString().equals("ref") ? n : n.put("ms", "NaN");
		}
		if (v instanceof JsRegExp regExp) {
			ObjectNode n = object(regExp, "RegExp");
			return n.get("t").asString().equals("ref") ? n : n.put("source", regExp.source()).put("flags", regExp.flags());
		}
		if (v instanceof JsBoxed boxed) {
			Object value = boxed.value();
			String t = (value instanceof Double) ? "NumberObject" : (value instanceof String) ? "StringObject"
					: (value instanceof Boolean) ? "BooleanObject" : "BigIntObject";
			ObjectNode n = object(boxed, t);
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			if (value instanceof Double d) {
				n.set("v", number(d).get("v"));
			}
			else if (value instanceof Boolean b) {
				n.put("v", b);
			}
			else {
				n.put("v", value.toString());
			}
			return n;
		}
		if (v instanceof JsError error) {
			ObjectNode n = object(error, "Error");
			if (n.get("t").asString().equals("ref")) {
				return n;
			}
			n.put("name", error.name());
			if (error.message() != null) {
				n.put("message", error.message());
			}
			if (error.stack() != null) {
				n.put("stack", error.stack());
			}
			if (error.hasCause()) {
				n.set("cause", render(error.cause()));
			}
			return n;
		}
		if (v instanceof JsHostObject host) {
			ObjectNode n = object(host, "HostObject");
			return n.get("t").asString().equals("ref") ? n : n.set("payload", render(host.payload()));
		}
		if (v instanceof JsOpaque opaque) {
			return node("Opaque").put("hex", HexFormat.of().formatHex(opaque.bytes()));
		}
		throw new IllegalArgumentException("No descriptor for " + v.getClass());
	}

	private JsonNode view(Object view, JsTypedArrayKind kind, byte[] data, int offset, int length, Object buffer) {
		ObjectNode n = object(view, kind.jsName());
		if (n.get("t").asString().equals("ref")) {
			return n;
		}
		n.put("byteOffset", offset);
		n.put("byteLength", length);
		n.put("hex", HexFormat.of().formatHex(data, offset, offset + length));
		Integer bufferId = this.ids.get(buffer);
		if (bufferId == null) {
			bufferId = this.next++;
			this.ids.put(buffer, bufferId);
		}
		n.put("buffer_id", bufferId);
		n.put("buffer_byteLength", (buffer instanceof JsArrayBuffer b) ? b.byteLength() : data.length);
		if (kind != JsTypedArrayKind.DATA_VIEW) {
			n.put("length", length / kind.elementSize());
		}
		return n;
	}

	/**
	 * Removes what V8 does not store (prototype names, an Error's own-property list and constructor,
	 * ISO strings and UTF-16 hints) and, when {@code relaxViews}, what a host-object or BYTES form
	 * of a typed array cannot keep (its buffer, offset and ids).
	 */
	public static JsonNode normalize(JsonNode descriptor, boolean relaxViews) {
		JsonNode copy = descriptor.deepCopy();
		strip(copy, relaxViews);
		return copy;
	}

	private static void strip(JsonNode node, boolean relaxViews) {
		if (node instanceof ObjectNode object) {
			object.remove(List.of("proto", "ctor", "own_props", "iso", "utf16"));
			if (relaxViews) {
				object.remove(List.of("id", "buffer_id", "byteOffset", "buffer_byteLength"));
			}
		}
		node.values().forEach((child) -> strip(child, relaxViews));
	}

	/** Whether two descriptors are equal, numbers compared by value. */
	public static boolean same(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue()) == 0;
		}
		if (a.isObject() && b.isObject()) {
			if (!a.propertyNames().equals(b.propertyNames()) && !new java.util.HashSet<>(a.propertyNames())
				.equals(new java.util.HashSet<>(b.propertyNames()))) {
				return false;
			}
			for (String name : a.propertyNames()) {
				if (!same(a.get(name), b.get(name))) {
					return false;
				}
			}
			return true;
		}
		if (a.isArray() && b.isArray()) {
			if (a.size() != b.size()) {
				return false;
			}
			for (int i = 0; i < a.size(); i++) {
				if (!same(a.get(i), b.get(i))) {
					return false;
				}
			}
			return true;
		}
		return a.equals(b);
	}

}
