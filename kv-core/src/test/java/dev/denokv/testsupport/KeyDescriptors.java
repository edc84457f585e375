package dev.denokv.testsupport;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.denokv.key.KvKey;

/**
 * Builds a Java {@link KvKey} from a key descriptor of the golden vectors ({@code key_js}, an
 * {@code Array} descriptor, see shared/vectors/README.md), using only the public API the way a user
 * would write the same key. Also used for keys that a live Deno prints in the same format.
 */
public final class KeyDescriptors {

	private static final HexFormat HEX = HexFormat.of();

	private KeyDescriptors() {
	}

	/** The key an {@code Array} descriptor describes. */
	public static KvKey toKey(JsonNode keyJs) {
		if (!"Array".equals(keyJs.get("t").asString())) {
			throw new IllegalArgumentException("not an Array descriptor: " + keyJs);
		}
		int length = keyJs.get("length").asInt();
		Object[] parts = new Object[length];
		for (JsonNode element : keyJs.get("elements")) {
			parts[element.get(0).asInt()] = toPart(element.get(1));
		}
		return KvKey.of(parts);
	}

	/** One key part from a part descriptor (string, number, bigint, boolean, Uint8Array). */
	public static Object toPart(JsonNode d) {
		String type = d.get("t").asString();
		return switch (type) {
			case "string" -> string(d);
			case "number" -> KvKey.number(Double.longBitsToDouble(Long.parseUnsignedLong(d.get("f64").asString(), 16)));
			case "bigint" -> KvKey.bigint(new BigInteger(d.get("v").asString()));
			case "boolean" -> d.get("v").asBoolean();
			case "Uint8Array" -> HEX.parseHex(d.get("hex").asString());
			default -> throw new IllegalArgumentException("no key part for descriptor " + d);
		};
	}

	/** Strings with lone surrogates carry their UTF-16 code units, which JSON cannot hold. */
	private static String string(JsonNode d) {
		JsonNode utf16 = d.get("utf16");
		if (utf16 == null) {
			return d.get("v").asString();
		}
		byte[] units = HEX.parseHex(utf16.asString());
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i + 1 < units.length; i += 2) {
			sb.append((char) (((units[i] & 0xff) << 8) | (units[i + 1] & 0xff)));
		}
		return sb.toString();
	}

	/** The {@code key_js} keys of vector rows. */
	public static List<KvKey> keys(List<JsonNode> rows) {
		List<KvKey> keys = new ArrayList<>();
		for (JsonNode row : rows) {
			keys.add(toKey(row.get("key_js")));
		}
		return keys;
	}

}
