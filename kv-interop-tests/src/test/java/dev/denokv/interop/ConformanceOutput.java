package dev.denokv.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON printed by the conformance scripts, with versionstamps replaced by their rank. Two
 * backends produce different versionstamp values, but the same writes in the same order must give
 * the same ranks: this compares everything else exactly and versionstamps by shape and order.
 */
final class ConformanceOutput {

	private static final Pattern VERSIONSTAMP = Pattern.compile("[0-9a-f]{20}");

	private ConformanceOutput() {
	}

	/** Parses a script's output and replaces every {@code versionstamp} by {@code "vs#<rank>"}. */
	static JsonNode normalized(String stdout) {
		JsonNode root = JsonMapper.shared().readTree(stdout.strip());
		List<String> stamps = new ArrayList<>();
		collect(root, stamps);
		Map<String, Integer> rank = new TreeMap<>();
		stamps.stream().sorted().distinct().forEach((s) -> rank.put(s, rank.size()));
		replace(root, rank);
		return root;
	}

	private static void collect(JsonNode node, List<String> stamps) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> e : node.properties()) {
				if (e.getKey().equals("versionstamp") && e.getValue().isString()) {
					String vs = e.getValue().asString();
					assertThat(vs).as("versionstamp shape").matches(VERSIONSTAMP);
					stamps.add(vs);
				}
				else {
					collect(e.getValue(), stamps);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach((child) -> collect(child, stamps));
		}
	}

	private static void replace(JsonNode node, Map<String, Integer> rank) {
		if (node instanceof ObjectNode object) {
			for (String name : new ArrayList<>(object.propertyNames())) {
				JsonNode value = object.get(name);
				if (name.equals("versionstamp") && value.isString()) {
					object.set(name, StringNode.valueOf("vs#" + rank.get(value.asString())));
				}
				else {
					replace(value, rank);
				}
			}
		}
		else if (node.isArray()) {
			node.forEach((child) -> replace(child, rank));
		}
	}

}
