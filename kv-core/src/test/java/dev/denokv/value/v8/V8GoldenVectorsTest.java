package dev.denokv.value.v8;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.denokv.model.KvU64;
import dev.denokv.testsupport.SharedVectors;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every value real Deno 2.9.5 (V8 format 16) and {@code @deno/kv} on Node 20 (format 15) stored
 * in the golden corpus decodes to the value its descriptor describes, and survives a write/read
 * round trip unchanged.
 */
class V8GoldenVectorsTest {

	static Stream<Arguments> values() {
		List<Arguments> args = new ArrayList<>();
		for (String file : List.of("keys-values.jsonl", "node/keys-values.jsonl")) {
			for (JsonNode line : SharedVectors.jsonLines(file)) {
				if (line.get("section").asString().equals("value")) {
					args.add(Arguments.of(file + ":" + line.get("name").asString(), file.startsWith("node"), line));
				}
			}
		}
		assertThat(args).hasSizeGreaterThan(200);
		return args.stream();
	}

	private static Object decode(JsonNode line) {
		byte[] bytes = HexFormat.of().parseHex(line.get("value_hex").asString());
		return switch (line.get("value_encoding").asInt()) {
			case 1 -> V8Reader.read(bytes);
			case 2 -> KvU64.fromLittleEndian(bytes);
			case 3 -> bytes;
			default -> throw new IllegalStateException("encoding " + line.get("value_encoding"));
		};
	}

	private static boolean hasTypedArray(JsonNode node) {
		if (node.has("buffer_id")) {
			return true;
		}
		for (JsonNode child : node.values()) {
			if (hasTypedArray(child)) {
				return true;
			}
		}
		return false;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void decodesToTheRecordedValue(String name, boolean node, JsonNode line) {
		int encoding = line.get("value_encoding").asInt();
		// Raw bytes, and Node's host-object typed arrays, keep only the view's bytes.
		boolean relaxViews = encoding == 3 || (node && hasTypedArray(line.get("value_js")));
		JsonNode expected = JsDescriptors.normalize(line.get("value_js"), relaxViews);
		JsonNode actual = JsDescriptors.normalize(JsDescriptors.of(decode(line)), relaxViews);
		assertThat(JsDescriptors.same(expected, actual)).as("%s%nexpected %s%nactual   %s", name, expected, actual)
			.isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("values")
	void roundTripsThroughTheWriter(String name, boolean node, JsonNode line) {
		if (line.get("value_encoding").asInt() != 1) {
			return;
		}
		Object value = decode(line);
		byte[] written = V8Writer.write(value);
		assertThat(written[1]).isEqualTo((byte) V8Writer.VERSION);
		JsonNode before = JsDescriptors.of(value);
		JsonNode after = JsDescriptors.of(V8Reader.read(written));
		assertThat(JsDescriptors.same(before, after)).as("%s%nbefore %s%nafter  %s", name, before, after).isTrue();
	}

	/**
	 * The writer chooses the tags V8 chooses: apart from the version (Deno writes 16, we write 15,
	 * and the payloads are the same), it writes byte for byte what Deno 2.9.5 wrote.
	 */
	@Test
	void writesTheBytesV8Writes() {
		List<String> different = new ArrayList<>();
		for (JsonNode line : SharedVectors.jsonLines("keys-values.jsonl")) {
			if (!line.get("section").asString().equals("value") || line.get("value_encoding").asInt() != 1) {
				continue;
			}
			String hex = line.get("value_hex").asString();
			assertThat(hex).startsWith("ff10");
			hex = "ff0f" + hex.substring(4);
			String written = HexFormat.of().formatHex(V8Writer.write(decode(line)));
			if (!written.equals(hex)) {
				different.add(line.get("name").asString() + "\n  deno " + hex + "\n  java " + written);
			}
		}
		assertThat(different).isEmpty();
	}

}
