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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.denokv.core.KvEntry;
import dev.denokv.core.KvListIterator;
import dev.denokv.core.KvListOptions;
import dev.denokv.core.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.value.KvValueCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging with {@link KvTemplate} interoperates with real Deno 2.9.5 on one SQLite file: Deno lists
 * a page and prints its cursor, and {@code KvTemplate.list} resumes exactly where Deno stopped;
 * {@code KvTemplate} lists a page, and Deno resumes from the Java cursor. Every selector kind,
 * forward and reverse.
 */
class TemplateListCursorInteropTest {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	/** One paging case: a selector (as Java and as JSON for Deno), direction, page size. */
	private record Case(KvListSelector selector, ObjectNode json, boolean reverse, int limit) {
	}

	private static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		KvKey items = KvKey.of("items");
		cases.add(new Case(KvListSelector.prefix(items), selector(List.of("items"), null, null), false, 5));
		cases.add(new Case(KvListSelector.prefix(items), selector(List.of("items"), null, null), true, 4));
		cases.add(new Case(KvListSelector.prefixWithStart(items, KvKey.of("items", "s05")),
				selector(List.of("items"), List.of("items", "s05"), null), false, 3));
		cases.add(new Case(KvListSelector.prefixWithEnd(items, KvKey.of("items", 7)),
				selector(List.of("items"), null, List.of("items", 7)), true, 2));
		cases.add(new Case(KvListSelector.range(KvKey.of("items", "s02"), KvKey.of("items", 9)),
				selector(null, List.of("items", "s02"), List.of("items", 9)), false, 6));
		cases.add(new Case(KvListSelector.range(KvKey.of("items", "s02"), KvKey.of("items", 9)),
				selector(null, List.of("items", "s02"), List.of("items", 9)), true, 6));
		cases.add(new Case(KvListSelector.prefix(KvKey.empty()), selector(List.of(), null, null), false, 7));
		return cases;
	}

	@Test
	void denoCursorsResumeInKvTemplate(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("deno-pages.sqlite3");
		List<Case> cases = cases();
		ArrayNode denoCases = JSON.arrayNode();
		for (Case c : cases) {
			denoCases.add(denoCase(c, c.limit(), null));
		}
		JsonNode pages = runDeno(dir, true, file, denoCases);

		try (KvTemplate kv = template(file)) {
			for (int i = 0; i < cases.size(); i++) {
				Case c = cases.get(i);
				JsonNode denoPage = pages.get(i);
				List<KvKey> all = keys(kv.list(c.selector(), Object.class, options(c)).toList());
				assertThat(keys(denoPage)).as("Deno's first page of %s", c).isEqualTo(all.subList(0, c.limit()));

				KvListIterator<Object> javaPage = kv.list(c.selector(), Object.class, options(c).limit(c.limit()));
				javaPage.toList();
				assertThat(javaPage.cursor()).as("Java's cursor equals Deno's for %s", c)
					.isEqualTo(denoPage.get("cursor").asString());

				List<KvEntry<Object>> rest = kv.list(c.selector(), Object.class,
						options(c).cursor(denoPage.get("cursor").asString())).toList();
				assertThat(keys(rest)).as("resumed %s", c).isEqualTo(all.subList(c.limit(), all.size()));
			}
			assertThat(kv.get(KvKey.of("items", 3), String.class).value()).isEqualTo("v3");
		}
	}

	@Test
	void kvTemplateCursorsResumeInDeno(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("java-pages.sqlite3");
		List<Case> cases = cases();
		List<List<KvKey>> expectedRests = new ArrayList<>();
		ArrayNode denoCases = JSON.arrayNode();
		try (KvTemplate kv = template(file)) {
			for (int i = 0; i < 12; i++) {
				kv.set(KvKey.of("items", i), "v" + i);
				kv.set(KvKey.of("items", String.format("s%02d", i)), Map.of("n", i));
			}
			kv.set(KvKey.of("items"), "the prefix itself");
			kv.set(KvKey.of("other", 1), "outside");
			for (Case c : cases) {
				List<KvKey> all = keys(kv.list(c.selector(), Object.class, options(c)).toList());
				KvListIterator<Object> page = kv.list(c.selector(), Object.class, options(c).limit(c.limit()));
				page.toList();
				expectedRests.add(all.subList(c.limit(), all.size()));
				denoCases.add(denoCase(c, null, page.cursor()));
			}
		}
		JsonNode rests = runDeno(dir, false, file, denoCases);
		for (int i = 0; i < cases.size(); i++) {
			assertThat(keys(rests.get(i))).as("Deno resumed %s", cases.get(i)).isEqualTo(expectedRests.get(i));
		}
	}

	private static KvTemplate template(Path file) {
		return KvTemplate.builder(SqliteDatabaseHandler.open(file)).valueCodec(KvValueCodec.standard()).build();
	}

	private static KvListOptions options(Case c) {
		return KvListOptions.defaults().reverse(c.reverse()).batchSize(2);
	}

	/** Runs the Deno side: optionally writes the data set, then lists every case and prints the pages. */
	private static JsonNode runDeno(Path dir, boolean write, Path file, ArrayNode cases) throws IOException {
		Path script = Deno.scripts(dir, "template-pages.ts");
		String out = Deno.run(script, List.of(write ? "write" : "read", file.toString(), cases.toString()), Map.of(),
				120);
		return JsonMapper.shared().readTree(out);
	}

	private static ObjectNode denoCase(Case c, Integer limit, String cursor) {
		ObjectNode options = JSON.objectNode().put("reverse", c.reverse()).put("batchSize", 2);
		if (limit != null) {
			options.put("limit", limit);
		}
		if (cursor != null) {
			options.put("cursor", cursor);
		}
		return JSON.objectNode().<ObjectNode>set("selector", c.json()).set("options", options);
	}

	private static ObjectNode selector(List<Object> prefix, List<Object> start, List<Object> end) {
		ObjectNode node = JSON.objectNode();
		if (prefix != null) {
			node.set("prefix", array(prefix));
		}
		if (start != null) {
			node.set("start", array(start));
		}
		if (end != null) {
			node.set("end", array(end));
		}
		return node;
	}

	private static ArrayNode array(List<Object> parts) {
		ArrayNode array = JSON.arrayNode();
		for (Object part : parts) {
			if (part instanceof String s) {
				array.add(s);
			}
			else {
				array.add(((Number) part).doubleValue());
			}
		}
		return array;
	}

	private static List<KvKey> keys(List<? extends KvEntry<?>> entries) {
		return entries.stream().map(KvEntry::key).toList();
	}

	/** Keys of a page Deno printed: strings and numbers only. */
	private static List<KvKey> keys(JsonNode page) {
		List<KvKey> keys = new ArrayList<>();
		for (JsonNode entry : page.get("entries")) {
			List<Object> parts = new ArrayList<>();
			for (JsonNode part : entry.get("key")) {
				parts.add(part.isString() ? part.asString() : (Object) part.asDouble());
			}
			keys.add(KvKey.of(parts));
		}
		return keys;
	}

}
