package dev.denokv.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KeyCodec;
import dev.denokv.key.KeyRange;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.testsupport.KeyDescriptors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cursors are byte-compatible with real Deno: for every key Deno's {@code kv.list} returns (every
 * selector kind, forward and reverse), Java computes the cursor Deno reported, and resuming from
 * that cursor in Java selects exactly the keys Deno lists after it. Deno's selector and cursor errors
 * are reproduced with the same messages.
 */
class ListCursorInteropTest {

	@Test
	void cursorsAndSelectorErrorsMatchDeno(@TempDir Path dir) throws IOException {
		Path script = Deno.scripts(dir, "list-cursors.ts", "key-descriptor.ts");
		String out = Deno.run(script, List.of(dir.resolve("cursors.sqlite3").toString()), Map.of(), 120);
		JsonNode result = JsonMapper.shared().readTree(out);

		List<JsonNode> listings = list(result.get("listings"));
		// The first listing is prefix [] forward: every key in the database, in Deno's order.
		List<byte[]> all = keysOf(listings.get(0));
		assertThat(all).hasSizeGreaterThan(25);
		assertThat(all).isSortedAccordingTo(KeyCodec.ORDER);

		int cursors = 0;
		for (JsonNode listing : listings) {
			KvListSelector selector = selector(listing.get("selector"));
			boolean reverse = listing.get("reverse").asBoolean();
			List<byte[]> denoKeys = keysOf(listing);
			assertThat(select(all, selector.range(), reverse)).as("%s reverse=%s", selector, reverse)
				.containsExactlyElementsOf(denoKeys);
			List<JsonNode> entries = list(listing.get("entries"));
			for (int i = 0; i < entries.size(); i++) {
				String denoCursor = entries.get(i).get("cursor").asString();
				assertThat(selector.cursorFor(denoKeys.get(i))).as("%s at %d", selector, i).isEqualTo(denoCursor);
				KeyRange resumed = selector.resume(denoCursor, reverse);
				assertThat(select(all, resumed, reverse)).as("%s after %s reverse=%s", selector, denoCursor, reverse)
					.containsExactlyElementsOf(denoKeys.subList(i + 1, denoKeys.size()));
				cursors++;
			}
		}
		assertThat(cursors).isGreaterThan(100);

		for (JsonNode error : list(result.get("errors"))) {
			String name = error.get("name").asString();
			String cursor = error.get("cursor").isNull() ? null : error.get("cursor").asString();
			boolean reverse = error.get("reverse").asBoolean();
			if (error.get("ok").asBoolean()) {
				selector(error.get("selector")).resume(cursor, reverse);
			}
			else {
				assertThatThrownBy(() -> selector(error.get("selector")).resume(cursor, reverse)).as(name)
					.isInstanceOf(KvInvalidArgumentException.class)
					.hasMessage(error.get("message").asString());
			}
		}
	}

	private static KvListSelector selector(JsonNode s) {
		return KvListSelector.of(key(s.get("prefix")), key(s.get("start")), key(s.get("end")));
	}

	private static KvKey key(JsonNode descriptor) {
		return (descriptor == null || descriptor.isNull()) ? null : KeyDescriptors.toKey(descriptor);
	}

	private static List<byte[]> keysOf(JsonNode listing) {
		List<byte[]> keys = new ArrayList<>();
		for (JsonNode entry : listing.get("entries")) {
			keys.add(KeyDescriptors.toKey(entry.get("key")).encode());
		}
		return keys;
	}

	/** What a backend returns for a range: the keys in {@code [start, end)}, in order. */
	private static List<byte[]> select(List<byte[]> sortedKeys, KeyRange range, boolean reverse) {
		List<byte[]> selected = new ArrayList<>(sortedKeys.stream().filter(range::contains).toList());
		if (reverse) {
			java.util.Collections.reverse(selected);
		}
		return selected;
	}

	private static List<JsonNode> list(JsonNode array) {
		List<JsonNode> nodes = new ArrayList<>();
		array.forEach(nodes::add);
		return nodes;
	}

}
