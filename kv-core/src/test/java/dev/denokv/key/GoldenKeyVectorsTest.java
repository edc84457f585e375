package dev.denokv.key;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.denokv.testsupport.KeyDescriptors;
import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys real Deno 2.9.5 wrote ({@code keys-values.jsonl}, {@code key-order.jsonl}): Java builds
 * the same key from the JS descriptor and must produce Deno's bytes, decode them back, print them
 * like {@code Deno.inspect} and sort them in Deno's order.
 */
class GoldenKeyVectorsTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void everyGoldenKeyEncodesToDenosBytesAndDecodesBack() {
		List<JsonNode> rows = SharedVectors.jsonLines("keys-values.jsonl");
		assertThat(rows).hasSize(191);
		for (JsonNode row : rows) {
			String name = row.get("section").asString() + ":" + row.get("name").asString();
			KvKey key = KeyDescriptors.toKey(row.get("key_js"));
			String hex = row.get("key_hex").asString();

			assertThat(HEX.formatHex(key.encode())).as(name).isEqualTo(hex);
			assertThat(HEX.formatHex(KeyCodec.encode(key.parts()))).as(name).isEqualTo(hex);

			KvKey decoded = KvKey.decode(HEX.parseHex(hex));
			assertThat(decoded).as(name).isEqualTo(key);
			assertThat(decoded.hashCode()).as(name).isEqualTo(key.hashCode());
			assertThat(decoded.size()).as(name).isEqualTo(key.size());
			assertThat(HEX.formatHex(decoded.encode())).as(name).isEqualTo(hex);
			// The key as Deno's kv.list returned it (lone surrogates come back as U+FFFD); absent for
			// value rows and null where a later key with the same bytes overwrote the row.
			JsonNode listed = row.get("roundtrip_key_js");
			if (listed != null && "Array".equals(listed.get("t").asString())) {
				assertThat(decoded).as(name).isEqualTo(KeyDescriptors.toKey(listed));
				assertThat(decoded.toString()).as(name).isEqualTo(KeyDescriptors.toKey(listed).toString());
			}
		}
	}

	@Test
	void toStringMatchesDenoInspect() {
		for (JsonNode row : SharedVectors.jsonLines("keys-values.jsonl")) {
			KvKey key = KeyDescriptors.toKey(row.get("key_js"));
			assertThat(key.toString()).as(row.get("name").asString()).isEqualTo(row.get("key_repr").asString());
		}
	}

	@Test
	void sortingWithTheComparatorReproducesDenosListOrder() {
		List<JsonNode> rows = SharedVectors.jsonLines("key-order.jsonl");
		assertThat(rows).hasSize(192);
		List<String> denoOrder = new ArrayList<>();
		for (JsonNode row : rows) {
			assertThat(row.get("sqlite_order_matches").asBoolean()).isTrue();
			denoOrder.add(row.get("key_hex").asString());
		}
		List<KvKey> keys = new ArrayList<>(KeyDescriptors.keys(rows));
		java.util.Collections.reverse(keys);
		java.util.Collections.shuffle(keys, new java.util.Random(7));
		keys.sort(null);
		assertThat(keys.stream().map((k) -> HEX.formatHex(k.encode())).toList()).isEqualTo(denoOrder);

		List<byte[]> encoded = new ArrayList<>(keys.stream().map(KvKey::encode).toList());
		java.util.Collections.shuffle(encoded, new java.util.Random(11));
		encoded.sort(KeyCodec.ORDER);
		assertThat(encoded.stream().map(HEX::formatHex).toList()).isEqualTo(denoOrder);
	}

}
