package dev.denokv.key;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.KvU64;
import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every bad-key case of {@code rejects.jsonl} that has a Java counterpart: Java rejects it with the
 * message Deno gave (for a read, and for a write where the key layer is what rejects it), and accepts
 * what Deno accepted, with the same stored bytes.
 */
class KeyRejectsVectorsTest {

	private static final HexFormat HEX = HexFormat.of();

	/** Deno's key bigger than 255 bytes: 2^2048 - 1, whose decimal starts like the recorded key_repr. */
	private static final BigInteger BIGINT_256_BYTES = BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.ONE);

	@Test
	void badKeysAreRejectedWithDenosMessages() {
		Map<String, Supplier<Object[]>> javaCounterparts = new HashMap<>();
		javaCounterparts.put("empty_key", () -> new Object[0]);
		javaCounterparts.put("undefined_part", () -> new Object[] { null });
		javaCounterparts.put("null_part", () -> new Object[] { null });
		javaCounterparts.put("object_part", () -> new Object[] { new Object() });
		javaCounterparts.put("array_part", () -> new Object[] { List.of(1) });
		javaCounterparts.put("date_part", () -> new Object[] { new java.util.Date(0) });
		javaCounterparts.put("arraybuffer_part", () -> new Object[] { java.nio.ByteBuffer.wrap(new byte[1]) });
		javaCounterparts.put("int8array_part", () -> new Object[] { new byte[] { 1 } });
		javaCounterparts.put("kvu64_part", () -> new Object[] { KvU64.of(1) });
		javaCounterparts.put("bigint_256_bytes", () -> new Object[] { BIGINT_256_BYTES });
		javaCounterparts.put("bigint_neg_256_bytes", () -> new Object[] { BIGINT_256_BYTES.negate() });
		javaCounterparts.put("key_2048_bytes", () -> new Object[] { new byte[2045] });
		javaCounterparts.put("key_str_2046", () -> new Object[] { "x".repeat(2046) });
		javaCounterparts.put("key_str_2047", () -> new Object[] { "x".repeat(2047) });
		// No Java counterpart: "symbol_part" (no symbols) and "not_an_array" (the type system forbids it).

		int checked = 0;
		for (JsonNode row : SharedVectors.jsonLines("rejects.jsonl")) {
			String name = row.get("name").asString();
			if (!"bad-key".equals(row.get("kind").asString()) || !javaCounterparts.containsKey(name)) {
				continue;
			}
			Object[] parts = javaCounterparts.get(name).get();
			assertReadMatches(name, parts, row.get("get"));
			assertWriteMatches(name, parts, row.get("set"), row.get("stored"));
			checked++;
		}
		assertThat(checked).isEqualTo(javaCounterparts.size());
	}

	@Test
	void theOversizedBigintIsTheOneDenoWasGiven() {
		for (JsonNode row : SharedVectors.jsonLines("rejects.jsonl")) {
			if (row.get("name").asString().startsWith("bigint_")) {
				String repr = row.get("key_repr").asString().substring(2).replace("-", "");
				assertThat(BIGINT_256_BYTES.toString()).startsWith(repr);
			}
		}
	}

	@Test
	void listStartNotInPrefixIsRejectedLikeDeno() {
		JsonNode row = SharedVectors.jsonLines("rejects.jsonl").stream()
			.filter((r) -> "list_start_not_in_prefix".equals(r.get("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThatThrownBy(() -> KvListSelector.prefixWithStart(KvKey.of("lim"), KvKey.of("other")))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage(row.get("error").get("message").asString());
	}

	/** A read is {@code get(key)}: the key part types, then the read bounds {@code [k, k ++ 00)}. */
	private static void assertReadMatches(String name, Object[] parts, JsonNode get) {
		if (get.get("ok").asBoolean()) {
			assertThat(KeyRange.single(KvKey.of(parts))).as(name).isNotNull();
		}
		else {
			assertThatThrownBy(() -> KeyRange.single(KvKey.of(parts))).as(name)
				.isInstanceOf(KvInvalidArgumentException.class)
				.hasMessage(get.get("error").get("message").asString());
		}
	}

	/**
	 * A write is {@code set(key)}: the key, then {@link KeyLimits#checkWriteKey}. Deno prefixes key
	 * errors inside a mutation with {@code "Invalid mutation: "}; the key layer throws the plain one.
	 */
	private static void assertWriteMatches(String name, Object[] parts, JsonNode set, JsonNode stored) {
		if (set.get("ok").asBoolean()) {
			byte[] encoded = KeyLimits.checkWriteKey(KvKey.of(parts));
			JsonNode row = stored.get(0);
			assertThat(encoded.length).as(name).isEqualTo(row.get("k_len").asInt());
			String hex = row.get("k_hex").asString();
			assertThat(HEX.formatHex(encoded)).as(name).startsWith(hex.replace("...", ""));
		}
		else {
			String message = set.get("error").get("message").asString().replace("Invalid mutation: ", "");
			assertThatThrownBy(() -> KeyLimits.checkWriteKey(KvKey.of(parts))).as(name)
				.isInstanceOf(KvInvalidArgumentException.class)
				.hasMessage(message);
		}
	}

}
