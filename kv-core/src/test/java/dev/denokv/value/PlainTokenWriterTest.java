package dev.denokv.value;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.denokv.model.RawValue;
import dev.denokv.testsupport.SharedVectors;
import dev.denokv.value.js.JsUndefined;
import dev.denokv.value.v8.V8ReadOptions;
import dev.denokv.value.v8.V8Reader;
import dev.denokv.value.v8.V8Writer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.util.TokenBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct V8-to-tokens path gives exactly the tokens of the natural path whenever it answers,
 * and declines everything it does not handle, so binding is unchanged.
 */
class PlainTokenWriterTest {

	private static final HexFormat HEX = HexFormat.of();

	record Item(String name, int count, List<String> tags, Item child) {
	}

	private final JacksonKvValueCodec codec = new JacksonKvValueCodec();

	@Test
	void everyGoldenValueGivesTheNaturalTokensOrIsDeclined() {
		int plain = 0;
		int total = 0;
		for (String file : List.of("keys-values.jsonl", "node/keys-values.jsonl")) {
			for (JsonNode line : SharedVectors.jsonLines(file)) {
				if (line.get("section").asString().equals("value") && line.get("value_encoding").asInt() == 1) {
					total++;
					plain += assertSameTokensIfPlain(file + ":" + line.get("name").asString(),
							HEX.parseHex(line.get("value_hex").asString())) ? 1 : 0;
				}
			}
		}
		assertThat(total).isGreaterThan(100);
		assertThat(plain).isPositive();
	}

	@Test
	void randomValuesGiveTheNaturalTokensOrAreDeclined() {
		Random random = new Random(42);
		int plain = 0;
		for (int i = 0; i < 2000; i++) {
			Object value = randomObject(random, 0);
			plain += assertSameTokensIfPlain("random " + i + ": " + value, V8Writer.write(value)) ? 1 : 0;
		}
		assertThat(plain).isGreaterThan(200);
	}

	@Test
	void declinesWhatOnlyTheFullReaderHandles() {
		Map<String, Object> shared = new LinkedHashMap<>(Map.of("x", 1.0));
		Map<String, Object> twice = new LinkedHashMap<>();
		twice.put("a", shared);
		twice.put("b", shared);
		Map<String, Object> indexed = new LinkedHashMap<>();
		indexed.put("b", 1.0);
		indexed.put("1", 2.0);
		List<Object> declined = List.of(twice, indexed, Map.of("at", Instant.EPOCH), Map.of("bytes", new byte[] { 1 }),
				Map.of("set", new LinkedHashSet<>(List.of(1.0))), List.of(1.0), "text", 1.0);
		for (Object value : declined) {
			assertThat(PlainTokenWriter.tokensOrNull(V8Writer.write(value))).as(String.valueOf(value)).isNull();
		}
		// {a: 1, a: 2}: a duplicate property, which the full reader rejects.
		assertThat(PlainTokenWriter.tokensOrNull(HEX.parseHex("ff0f6f22016149022201614904 7b02".replace(" ", ""))))
			.isNull();
		// [1, <hole>]: a holey array.
		assertThat(PlainTokenWriter.tokensOrNull(HEX.parseHex("ff0f6f2201614102490 22d2400 02 7b01".replace(" ", ""))))
			.isNull();
		// Truncated input.
		assertThat(PlainTokenWriter.tokensOrNull(HEX.parseHex("ff0f6f220161"))).isNull();
	}

	@Test
	void bindsRecordsLikeTheNaturalPath() {
		Random random = new Random(7);
		for (int i = 0; i < 300; i++) {
			Map<String, Object> value = randomItem(random, 0);
			RawValue raw = RawValue.v8(V8Writer.write(value));
			Object natural = V8Reader.read(raw.data(), V8ReadOptions.NATURAL);
			assertThat(PlainTokenWriter.tokensOrNull(raw.data())).isNotNull();
			Item expected;
			try {
				expected = this.codec.convert(natural, Item.class);
			}
			catch (KvValueMappingException ex) {
				assertThatThrownBy(() -> this.codec.decode(raw, Item.class)).isInstanceOf(KvValueMappingException.class)
					.hasMessage(ex.getMessage());
				continue;
			}
			assertThat(this.codec.decode(raw, Item.class)).isEqualTo(expected);
		}
		// A target that takes the natural form itself still gets it.
		RawValue raw = RawValue.v8(V8Writer.write(Map.of("a", 1.0)));
		assertThat(this.codec.decode(raw, Map.class)).isInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("a", 1.0));
	}

	private static boolean assertSameTokensIfPlain(String name, byte[] v8) {
		TokenBuffer direct = PlainTokenWriter.tokensOrNull(v8);
		if (direct == null) {
			return false;
		}
		Object natural = V8Reader.read(v8, V8ReadOptions.NATURAL);
		assertThat(tokens(direct)).as(name).isEqualTo(tokens(NaturalTokenWriter.tokens(natural)));
		return true;
	}

	/** Each token with its value and the Java type of its value. */
	private static List<String> tokens(TokenBuffer buffer) {
		List<String> out = new ArrayList<>();
		try (JsonParser parser = buffer.asParser()) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				String value = switch (token) {
					case PROPERTY_NAME, VALUE_STRING -> parser.getString();
					case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
						Number number = parser.getNumberValue();
						yield number.getClass().getSimpleName() + ":" + (number instanceof Double d
								? Long.toHexString(Double.doubleToRawLongBits(d)) : number.toString());
					}
					case VALUE_EMBEDDED_OBJECT -> Objects.toString(parser.getEmbeddedObject());
					default -> "";
				};
				out.add(token + " " + value);
			}
		}
		return out;
	}

	private static Map<String, Object> randomItem(Random random, int depth) {
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("name", randomString(random));
		item.put("count", switch (random.nextInt(4)) {
			case 0 -> (double) random.nextInt(1000);
			case 1 -> random.nextDouble() * 10;
			case 2 -> BigInteger.valueOf(random.nextInt(5));
			default -> "x";
		});
		item.put("tags", random.nextBoolean() ? List.of(randomString(random)) : null);
		if (depth < 2 && random.nextBoolean()) {
			item.put("child", randomItem(random, depth + 1));
		}
		return item;
	}

	private static Object randomObject(Random random, int depth) {
		Map<String, Object> object = new LinkedHashMap<>();
		int size = random.nextInt(6);
		for (int i = 0; i < size; i++) {
			String name = (random.nextInt(10) == 0) ? Integer.toString(random.nextInt(3)) : randomString(random);
			object.put(name, randomValue(random, depth + 1));
		}
		return object;
	}

	private static Object randomValue(Random random, int depth) {
		int kind = random.nextInt((depth < 3) ? 14 : 10);
		return switch (kind) {
			case 0 -> null;
			case 1 -> JsUndefined.INSTANCE;
			case 2 -> random.nextBoolean();
			case 3 -> (double) (random.nextInt() >> random.nextInt(32));
			case 4 -> new double[] { 0.5, -0.0, Double.NaN, 4294967295.0, 1e300 }[random.nextInt(5)];
			case 5 -> BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(80));
			case 6, 7 -> randomString(random);
			case 8 -> Instant.ofEpochMilli(random.nextInt());
			case 9 -> new byte[] { 1, 2 };
			case 10, 11 -> randomObject(random, depth);
			default -> {
				List<Object> list = new ArrayList<>();
				int size = random.nextInt(4);
				for (int i = 0; i < size; i++) {
					list.add(randomValue(random, depth + 1));
				}
				yield list;
			}
		};
	}

	private static String randomString(Random random) {
		String[] pieces = { "a", "name", "é", "日本", "\ud83d\ude00", "", "0x", "\u0000" };
		StringBuilder out = new StringBuilder();
		int n = random.nextInt(3) + 1;
		for (int i = 0; i < n; i++) {
			out.append(pieces[random.nextInt(pieces.length)]);
		}
		return out.toString();
	}

}
