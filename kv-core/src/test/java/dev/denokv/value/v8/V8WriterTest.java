package dev.denokv.value.v8;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsUndefined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writer output from v8-serializer.md's worked examples (V8-verified bytes, version 15). */
class V8WriterTest {

	private static String hex(Object value) {
		return HexFormat.of().withUpperCase().withDelimiter(" ").formatHex(V8Writer.write(value));
	}

	@Test
	void writesNumbersAsV8Does() {
		assertThat(hex(1)).isEqualTo("FF 0F 49 02");
		assertThat(hex(1.0)).isEqualTo("FF 0F 49 02");
		assertThat(hex(-1L)).isEqualTo("FF 0F 49 01");
		assertThat(hex(-2147483648)).isEqualTo("FF 0F 49 FF FF FF FF 0F");
		assertThat(hex(2147483648L)).isEqualTo("FF 0F 4E 00 00 00 00 00 00 E0 41");
		assertThat(hex(-0.0)).isEqualTo("FF 0F 4E 00 00 00 00 00 00 00 80");
		assertThat(hex(1.5)).isEqualTo("FF 0F 4E 00 00 00 00 00 00 F8 3F");
		assertThatThrownBy(() -> V8Writer.write((1L << 53) + 1)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining("BigInteger");
	}

	@Test
	void writesStringsWithV8sAlignment() {
		assertThat(hex("é")).isEqualTo("FF 0F 22 01 E9");
		assertThat(hex("€")).isEqualTo("FF 0F 63 02 AC 20");
		assertThat(hex("😀")).isEqualTo("FF 0F 63 04 3D D8 00 DE");
		assertThat(hex(Map.of("ab", "€"))).isEqualTo("FF 0F 6F 22 02 61 62 00 63 02 AC 20 7B 01");
		assertThat(hex(Map.of("a", "€"))).isEqualTo("FF 0F 6F 22 01 61 63 02 AC 20 7B 01");
	}

	@Test
	void writesIndexKeysFirstAsNumbers() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", 1);
		map.put("2", 2);
		map.put("a", 3);
		map.put("1", 4);
		// E19
		assertThat(hex(map)).isEqualTo("FF 0F 6F 49 02 49 08 49 04 49 04 22 01 62 49 02 22 01 61 49 06 7B 04");
		assertThat(hex(Map.of("4294967294", 1))).isEqualTo("FF 0F 6F 4E 00 00 C0 FF FF FF EF 41 49 02 7B 01");
		assertThat(hex(Map.of("4294967295", 1))).isEqualTo("FF 0F 6F 22 0A 34 32 39 34 39 36 37 32 39 35 49 02 7B 01");
	}

	@Test
	void writesBackReferencesForSharedObjects() {
		Map<String, Object> o = new LinkedHashMap<>();
		assertThat(hex(List.of(o, o))).isEqualTo("FF 0F 41 02 6F 7B 00 5E 01 24 00 02");
		Map<String, Object> self = new LinkedHashMap<>();
		self.put("self", self);
		assertThat(hex(self)).isEqualTo("FF 0F 6F 22 04 73 65 6C 66 5E 00 7B 01");
		// Strings are never shared.
		String ab = "ab";
		assertThat(hex(List.of(ab, ab))).isEqualTo("FF 0F 41 02 22 02 61 62 22 02 61 62 24 00 02");
		// A byte[] is a buffer and a view: two ids.
		byte[] bytes = { 1, 2, 3 };
		List<Object> twice = new ArrayList<>(List.of(bytes, bytes, o));
		assertThat(hex(twice)).isEqualTo("FF 0F 41 03 42 03 01 02 03 56 42 00 03 00 5E 02 6F 7B 00 24 00 03");
	}

	@Test
	void writesTheOtherTypes() {
		assertThat(hex(null)).isEqualTo("FF 0F 30");
		assertThat(hex(JsUndefined.INSTANCE)).isEqualTo("FF 0F 5F");
		assertThat(hex(BigInteger.ONE)).isEqualTo("FF 0F 5A 10 01 00 00 00 00 00 00 00");
		assertThat(hex(BigInteger.ZERO)).isEqualTo("FF 0F 5A 00");
		assertThat(hex(BigInteger.TWO.pow(64))).isEqualTo("FF 0F 5A 20 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00");
		assertThat(hex(Instant.ofEpochMilli(1700000000000L))).isEqualTo("FF 0F 44 00 00 80 56 FE BC 78 42");
		assertThat(hex(new JsRegExp("ab", "gi"))).isEqualTo("FF 0F 52 22 02 61 62 03");
		assertThat(hex(new LinkedHashSet<>(List.of(1, 2)))).isEqualTo("FF 0F 27 49 02 49 04 2C 02");
		assertThat(hex(Map.of(1, "a"))).isEqualTo("FF 0F 3B 49 02 22 01 61 3A 02");
		assertThat(hex(KvU64.of(5))).isEqualTo("FF 0F 6F 22 05 76 61 6C 75 65 5A 10 05 00 00 00 00 00 00 00 7B 01");
	}

	@Test
	void writesSqlDatesByTheirMilliseconds() {
		long ms = 1_700_000_000_123L;
		String date = hex(Instant.ofEpochMilli(ms));
		assertThat(hex(new java.sql.Date(ms))).isEqualTo(date);
		assertThat(hex(new java.sql.Time(ms))).isEqualTo(date);
		java.sql.Timestamp timestamp = new java.sql.Timestamp(ms);
		timestamp.setNanos(123_456_789);
		// A JS Date holds milliseconds: the sub-millisecond nanos are dropped.
		assertThat(hex(timestamp)).isEqualTo(date);
	}

	record Pair(List<String> a, List<String> b) {
	}

	@Test
	void writesTheJdksSharedEmptyCollectionsAsSeparateObjects() {
		// Two List.of() are one JVM-wide instance, but two separate [] to the application.
		assertThat(hex(new Pair(List.of(), List.of())))
			.isEqualTo("FF 0F 6F 22 01 61 41 00 24 00 00 22 01 62 41 00 24 00 00 7B 02");
		// Each still takes an id, as each [] / {} / new Set() does in V8: the shared map is ^4.
		Map<String, Object> o = new LinkedHashMap<>();
		assertThat(hex(List.of(List.of(), Map.of(), Collections.emptySet(), o, o)))
			.isEqualTo("FF 0F 41 05 41 00 24 00 00 6F 7B 00 27 2C 00 6F 7B 00 5E 04 24 00 05");
		assertThat(hex(List.of(Collections.emptyList(), Collections.emptyMap(), Collections.emptyNavigableMap())))
			.doesNotContain("5E");
		// A mutable empty list may really be shared.
		List<Object> shared = new ArrayList<>();
		assertThat(hex(List.of(shared, shared))).isEqualTo("FF 0F 41 02 41 00 24 00 00 5E 01 24 00 02");
		@SuppressWarnings("unchecked")
		Map<String, Object> back = (Map<String, Object>) V8Reader.read(V8Writer.write(new Pair(List.of(), List.of())));
		assertThat(back.get("a")).isEqualTo(List.of()).isNotSameAs(back.get("b"));
	}

	@Test
	void refusesRegExpFlagsDenoCannotRead() {
		assertThatThrownBy(() -> new JsRegExp("a", "l")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'l'");
		assertThatThrownBy(() -> new JsRegExp("a", "uv")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new JsRegExp("a", "gg")).isInstanceOf(IllegalArgumentException.class);
		assertThat(new JsRegExp("a", "dgimsvy").flagBits()).isEqualTo(0x1AF);
	}

	record Point(int x, String label) {
	}

	@Test
	void writesRecordsAsPlainObjects() {
		assertThat(hex(new Point(1, "p"))).isEqualTo("FF 0F 6F 22 01 78 49 02 22 05 6C 61 62 65 6C 22 01 70 7B 02");
	}

	@Test
	void enforcesTheSizeLimit() {
		String big = "x".repeat(65536);
		assertThatThrownBy(() -> V8Writer.write(big, StandardValueAdapter.INSTANCE, 65536))
			.isInstanceOf(V8ValueTooLargeException.class).hasMessage("Value too large (max 65536 bytes)");
		// Header (2) + tag (1) + length varint (3) + 65530 chars = 65536 exactly.
		assertThat(V8Writer.write("x".repeat(65530), StandardValueAdapter.INSTANCE, 65536)).hasSize(65536);
	}

	@Test
	void rejectsWhatHasNoV8Form() {
		assertThatThrownBy(() -> V8Writer.write(new Object())).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining("java.lang.Object");
		assertThatThrownBy(() -> V8Writer.write(Instant.MAX)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining("range");
		List<Object> deep = new ArrayList<>();
		List<Object> cur = deep;
		for (int i = 0; i < V8Writer.MAX_DEPTH + 1; i++) {
			List<Object> next = new ArrayList<>();
			cur.add(next);
			cur = next;
		}
		assertThatThrownBy(() -> V8Writer.write(deep)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining("deeper");
	}

}
