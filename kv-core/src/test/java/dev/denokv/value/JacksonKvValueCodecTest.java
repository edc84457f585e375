package dev.denokv.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.testsupport.SharedVectors;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsSet;
import dev.denokv.value.js.JsUndefined;
import dev.denokv.value.v8.V8Reader;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JacksonKvValueCodecTest {

	private final JacksonKvValueCodec codec = new JacksonKvValueCodec(JsonMapper.builder().build());

	record User(long id, String name, String email, boolean active, double score, List<String> tags) {
	}

	record Event(String title, Instant at, Date legacy, OffsetDateTime offset, byte[] payload, BigInteger big,
			Set<String> labels, Map<String, Integer> counts, int[] samples, JsRegExp pattern, JsError failure, Kind kind) {
	}

	enum Kind {
		A, B
	}

	static class Pojo {

		@JsonProperty("renamed")
		public String value = "v";

		public Pojo child;

	}

	private static String hex(RawValue raw) {
		return HexFormat.of().formatHex(raw.data());
	}

	@Test
	void storesARecordAsThePlainObjectDenoWrites() {
		RawValue raw = this.codec.encode(new User(12345, "user-12345", "u@x", true, 1.5, List.of("a", "b")));
		assertThat(raw.encoding()).isEqualTo(ValueEncoding.V8);
		// {id: 12345, name: "user-12345", email: "u@x", active: true, score: 1.5, tags: ["a", "b"]}
		assertThat(hex(raw)).isEqualTo("ff0f6f" + "2202696449f2c001" + "22046e616d65220a757365722d3132333435"
				+ "2205656d61696c2203754078" + "2206616374697665" + "54" + "220573636f72654e000000000000f83f"
				+ "22047461677341022201612201622400027b06".replace("7b06", "") + "7b06");
		assertThat(this.codec.decode(raw, User.class))
			.isEqualTo(new User(12345, "user-12345", "u@x", true, 1.5, List.of("a", "b")));
	}

	@Test
	void readsWhatDenoWroteIntoARecord() {
		JsonNode line = SharedVectors.jsonLines("keys-values.jsonl").stream()
			.filter((l) -> l.get("name").asString().equals("json_like_100b"))
			.findFirst()
			.orElseThrow();
		RawValue raw = RawValue.v8(HexFormat.of().parseHex(line.get("value_hex").asString()));
		@SuppressWarnings("unchecked")
		Map<String, Object> natural = (Map<String, Object>) this.codec.decode(raw, Object.class);
		assertThat(natural).containsEntry("id", 12345.0).containsEntry("name", "user-12345");
		assertThat(natural.keySet()).containsExactly("id", "name", "email", "active", "score", "tags");
		User user = this.codec.decode(raw, User.class);
		assertThat(user.id()).isEqualTo(12345L);
		assertThat(user.name()).isEqualTo("user-12345");
		assertThat(user.tags()).isEqualTo(natural.get("tags"));
		// Re-encoded, it is the value Deno stored (modulo the version byte).
		assertThat(hex(this.codec.encode(user))).isEqualTo("ff0f" + line.get("value_hex").asString().substring(4));
	}

	@Test
	void keepsJsTypesInsideRecords() {
		Instant at = Instant.ofEpochMilli(1700000000123L);
		Event event = new Event("t", at, Date.from(at), at.atOffset(java.time.ZoneOffset.UTC), new byte[] { 1, 2 },
				BigInteger.TWO.pow(70), new LinkedHashSet<>(List.of("x", "y")), Map.of("n", 3), new int[] { -1, 7 },
				new JsRegExp("a+", "gi"), JsError.of("boom").name("TypeError"), Kind.B);
		RawValue raw = this.codec.encode(event);
		@SuppressWarnings("unchecked")
		Map<String, Object> js = (Map<String, Object>) V8Reader.read(raw.data());
		assertThat(js.get("at")).isEqualTo(at);
		assertThat(js.get("legacy")).isEqualTo(at);
		assertThat(js.get("payload")).isInstanceOf(dev.denokv.value.js.JsTypedArray.class);
		assertThat(js.get("big")).isEqualTo(BigInteger.TWO.pow(70));
		assertThat(js.get("labels")).isInstanceOf(JsSet.class);
		assertThat(js.get("samples")).isInstanceOf(dev.denokv.value.js.JsTypedArray.class);
		assertThat(js.get("kind")).isEqualTo("B");
		// The offset date-time goes through the application's Jackson configuration: a string.
		assertThat(js.get("offset")).isInstanceOf(String.class);

		Event back = this.codec.decode(raw, Event.class);
		assertThat(back.at()).isEqualTo(at);
		assertThat(back.legacy()).isEqualTo(Date.from(at));
		assertThat(back.payload()).containsExactly(1, 2);
		assertThat(back.big()).isEqualTo(BigInteger.TWO.pow(70));
		assertThat(back.labels()).containsExactly("x", "y");
		assertThat(back.counts()).isEqualTo(Map.of("n", 3));
		assertThat(back.samples()).containsExactly(-1, 7);
		assertThat(back.pattern()).isEqualTo(new JsRegExp("a+", "gi"));
		assertThat(back.failure()).isEqualTo(JsError.of("boom").name("TypeError"));
		assertThat(back.kind()).isEqualTo(Kind.B);
	}

	@Test
	void honoursTheApplicationsJacksonConfigurationWithoutChangingIt() {
		JsonMapper app = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		String before = app.writeValueAsString(Map.of("at", Instant.EPOCH));
		JacksonKvValueCodec snake = new JacksonKvValueCodec(app);
		record Named(String firstName) {
		}
		Pojo pojo = new Pojo();
		assertThat(V8Reader.read(snake.encode(new Named("Ada")).data())).isEqualTo(Map.of("first_name", "Ada"));
		assertThat(V8Reader.read(snake.encode(pojo).data())).isEqualTo(mapOf("renamed", "v", "child", null));
		assertThat(app.writeValueAsString(Map.of("at", Instant.EPOCH))).isEqualTo(before);
	}

	private static Map<String, Object> mapOf(Object... kv) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			map.put((String) kv[i], kv[i + 1]);
		}
		return map;
	}

	@Test
	void writesSharedAndCyclicObjectsAsReferences() {
		User user = new User(1, "a", "e", false, 0, List.of());
		List<Object> twice = new ArrayList<>(List.of(user, user));
		@SuppressWarnings("unchecked")
		List<Object> read = (List<Object>) V8Reader.read(this.codec.encode(twice).data());
		assertThat(read.get(0)).isSameAs(read.get(1));

		Pojo parent = new Pojo();
		Map<String, Object> holder = new LinkedHashMap<>();
		holder.put("pojo", parent);
		holder.put("again", parent);
		@SuppressWarnings("unchecked")
		Map<String, Object> back = (Map<String, Object>) V8Reader.read(this.codec.encode(holder).data());
		assertThat(back.get("pojo")).isSameAs(back.get("again"));

		Map<String, Object> cycle = new LinkedHashMap<>();
		cycle.put("self", cycle);
		RawValue raw = this.codec.encode(cycle);
		@SuppressWarnings("unchecked")
		Map<String, Object> natural = (Map<String, Object>) this.codec.decode(raw, Object.class);
		assertThat(natural.get("self")).isSameAs(natural);
		assertThatThrownBy(() -> this.codec.decode(raw, Pojo.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageContaining("cycle");
	}

	@Test
	void rejectsACycleThroughNestedPojosClearly() {
		Pojo a = new Pojo();
		Pojo b = new Pojo();
		a.child = b;
		b.child = a;
		assertThatThrownBy(() -> this.codec.encode(a)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining(Pojo.class.getName());
		a.child = a;
		assertThatThrownBy(() -> this.codec.encode(a)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining(Pojo.class.getName());
	}

	@Test
	void choosesTheEncodingAsDenoDoes() {
		assertThat(this.codec.encode(new byte[] { 1, 2 })).isEqualTo(RawValue.bytes(new byte[] { 1, 2 }));
		assertThat(this.codec.encode(KvU64.of(5))).isEqualTo(RawValue.u64(KvU64.of(5)));
		assertThat(this.codec.decode(RawValue.bytes(new byte[] { 3 }), byte[].class)).containsExactly(3);
		assertThat(this.codec.decode(RawValue.u64(KvU64.of(5)), Object.class)).isEqualTo(KvU64.of(5));
		assertThat(this.codec.decode(RawValue.u64(KvU64.of(5)), Long.class)).isEqualTo(5L);
		// Queue payloads are always V8, even for bytes and KvU64.
		assertThat(V8Reader.read(this.codec.encodeQueuePayload(KvU64.of(5))))
			.isEqualTo(Map.of("value", BigInteger.valueOf(5)));
		assertThat(this.codec.decodeQueuePayload(this.codec.encodeQueuePayload(new byte[] { 9 }), byte[].class))
			.containsExactly(9);
	}

	@Test
	void leavesSizeLimitsToTheTemplate() {
		// Deno serializes first and checks sizes with the rest of the write (KvRequestValidator),
		// so that a bad key wins over a large value and a raised maxValueSize takes effect.
		assertThat(this.codec.encode("x".repeat(65530)).data()).hasSize(65536);
		assertThat(this.codec.encode("x".repeat(70000)).data()).hasSize(70006);
		assertThat(this.codec.encode(new byte[70000]).data()).hasSize(70000);
		assertThat(this.codec.encodeQueuePayload(new byte[70000]).length).isGreaterThan(70000);
	}

	@Test
	void readsUndefinedAsNullUnlessAsked() {
		RawValue raw = this.codec.encode(mapOf("u", JsUndefined.INSTANCE, "n", null));
		assertThat(this.codec.decode(raw, Object.class)).isEqualTo(mapOf("u", null, "n", null));
		assertThat(this.codec.decodeJs(raw)).isEqualTo(mapOf("u", JsUndefined.INSTANCE, "n", null));
		assertThat(this.codec.decode(this.codec.encode(JsUndefined.INSTANCE), String.class)).isNull();
	}

	@Test
	void bindsGenericTypesAndNarrowsNumbers() {
		RawValue raw = this.codec.encode(List.of(Map.of("id", 1, "name", "a", "email", "e", "active", true, "score", 2,
				"tags", List.of())));
		List<User> users = this.codec.decode(raw, new TypeReference<List<User>>() {
		});
		assertThat(users).containsExactly(new User(1, "a", "e", true, 2.0, List.of()));
		JsMap jsMap = new JsMap();
		jsMap.put(1.0, "one");
		jsMap.put(1e20, "big");
		Map<String, String> asStrings = this.codec.decode(this.codec.encode(jsMap), new TypeReference<>() {
		});
		// Named as JS's String(key) names them: 1e20 is 100000000000000000000, not 1.0E20.
		assertThat(asStrings).isEqualTo(Map.of("1", "one", "100000000000000000000", "big"));
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode("text"), User.class))
			.isInstanceOf(KvValueMappingException.class).hasMessageContaining("User");
	}

	record Numbers(int i, Long l, BigDecimal d, BigInteger b, double x) {
	}

	@Test
	void refusesNonFiniteNumbersWhereTheTypeHasNone() {
		// Jackson alone would read NaN into an int as 0 and into a BigDecimal as null.
		for (double nonFinite : new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
			for (Class<?> type : new Class<?>[] { int.class, Integer.class, long.class, short.class, Byte.class,
					BigInteger.class, BigDecimal.class }) {
				assertThatThrownBy(() -> this.codec.decode(this.codec.encode(nonFinite), type))
					.isInstanceOf(KvValueMappingException.class)
					.hasMessageContaining("Cannot read the number " + nonFinite + " into a " + type.getSimpleName());
			}
		}
		RawValue inRecord = this.codec.encode(Map.of("i", 1, "l", 2, "d", 1.5, "b", 3, "x", Double.NaN));
		assertThat(this.codec.decode(inRecord, Numbers.class).x()).isNaN();
		RawValue nanInt = this.codec.encode(Map.of("i", Double.NaN, "l", 2, "d", 1.5, "b", 3, "x", 0));
		assertThatThrownBy(() -> this.codec.decode(nanInt, Numbers.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageContaining("Cannot read the number NaN into a int");
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(List.of(1, Double.POSITIVE_INFINITY)),
				new TypeReference<List<Long>>() {
				})).isInstanceOf(KvValueMappingException.class).hasMessageContaining("Infinity into a Long");
		// Finite numbers still narrow as Jackson narrows them (a fraction truncated).
		assertThat(this.codec.decode(this.codec.encode(2.9), int.class)).isEqualTo(2);
	}

	@Test
	void bothCodecsDecodeAnOpaqueValueAsObject() {
		// [1] with a named property referring to the array itself: kept as bytes.
		RawValue raw = RawValue.v8(HexFormat.of().parseHex("ff0f4101490222026d655e00240101"));
		for (KvValueCodec c : List.of(this.codec, KvValueCodec.standard())) {
			Object natural = c.decode(raw, Object.class);
			assertThat(natural).as(c.getClass().getSimpleName()).isInstanceOf(JsOpaque.class);
			assertThat(((JsOpaque) natural).bytes()).isEqualTo(raw.data());
			assertThat(c.decode(raw, JsOpaque.class)).isInstanceOf(JsOpaque.class);
			assertThatThrownBy(() -> c.decode(raw, User.class)).isInstanceOf(KvValueMappingException.class)
				.hasMessageContaining("decode it as Object");
		}
		assertThat(this.codec.decode(raw, new TypeReference<Object>() {
		})).isInstanceOf(JsOpaque.class);
	}

}
