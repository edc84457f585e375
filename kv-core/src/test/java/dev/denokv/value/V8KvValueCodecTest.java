package dev.denokv.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.value.js.JsSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec without Jackson: natural types and records. */
class V8KvValueCodecTest {

	private final KvValueCodec codec = KvValueCodec.standard();

	record Line(String sku, int quantity, long cents) {
	}

	record Order(String id, List<Line> lines, Set<String> tags, Map<String, Line> byName, Instant at, Date legacy,
			BigInteger big, byte[] blob) {
	}

	@Test
	void roundTripsRecordsWithoutJackson() {
		Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
		Line line = new Line("x", 2, 1999);
		Order order = new Order("o1", List.of(line), Set.of("t"), Map.of("x", line), at, Date.from(at),
				BigInteger.valueOf(-5), new byte[] { 4 });
		RawValue raw = this.codec.encode(order);
		assertThat(raw.encoding()).isEqualTo(ValueEncoding.V8);
		Order back = this.codec.decode(raw, Order.class);
		assertThat(back.lines()).containsExactly(line);
		assertThat(back.byName()).containsEntry("x", line);
		assertThat(back.tags()).containsExactly("t");
		assertThat(back.at()).isEqualTo(at);
		assertThat(back.legacy()).isEqualTo(Date.from(at));
		assertThat(back.big()).isEqualTo(BigInteger.valueOf(-5));
		assertThat(back.blob()).containsExactly(4);
		@SuppressWarnings("unchecked")
		Map<String, Object> natural = (Map<String, Object>) this.codec.decode(raw, Object.class);
		assertThat(natural.get("tags")).isInstanceOf(JsSet.class);
	}

	@Test
	void narrowsNumbersOnlyWhenExact() {
		RawValue raw = this.codec.encode(42);
		assertThat(this.codec.decode(raw, Object.class)).isEqualTo(42.0);
		assertThat(this.codec.decode(raw, Integer.class)).isEqualTo(42);
		assertThat(this.codec.decode(raw, long.class)).isEqualTo(42L);
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(1.5), Integer.class))
			.isInstanceOf(KvValueMappingException.class);
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(3e9), Integer.class))
			.isInstanceOf(KvValueMappingException.class);
	}

	@Test
	void rejectsPojosWithAClearMessage() {
		assertThatThrownBy(() -> this.codec.encode(new Object())).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageContaining("JacksonKvValueCodec");
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode("s"), Line.class))
			.isInstanceOf(KvValueMappingException.class);
	}

	enum Kind {
		A, B
	}

	record Tagged(Kind kind, Optional<String> note, Optional<Line> line, Optional<String> missing, char initial,
			Character other, char[] letters, List<Kind> kinds, Map<Kind, Integer> byKind) {
	}

	@Test
	void readsBackEnumsOptionalsAndCharsAsWritten() {
		Tagged tagged = new Tagged(Kind.B, Optional.of("n"), Optional.of(new Line("x", 1, 2)), Optional.empty(), 'i',
				'o', new char[] { 'a', 'b' }, List.of(Kind.A, Kind.B), Map.of(Kind.A, 3));
		Tagged back = this.codec.decode(this.codec.encode(tagged), Tagged.class);
		assertThat(back.kind()).isEqualTo(Kind.B);
		assertThat(back.note()).contains("n");
		assertThat(back.line()).contains(new Line("x", 1, 2));
		assertThat(back.missing()).isEmpty();
		assertThat(back.initial()).isEqualTo('i');
		assertThat(back.other()).isEqualTo('o');
		assertThat(back.letters()).containsExactly('a', 'b');
		assertThat(back.kinds()).containsExactly(Kind.A, Kind.B);
		assertThat(back.byKind()).containsExactly(Map.entry(Kind.A, 3));
		assertThat(this.codec.decode(this.codec.encode(List.of(Kind.B)), new KvType<List<Kind>>() {
		})).containsExactly(Kind.B);
		assertThat(this.codec.decode(this.codec.encode(null), new KvType<Optional<Kind>>() {
		})).isEmpty();
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode("C"), Kind.class))
			.isInstanceOf(KvValueMappingException.class).hasMessageContaining("No constant 'C'");
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode("ab"), char.class))
			.isInstanceOf(KvValueMappingException.class).hasMessageContaining("exactly one");
	}

	@Test
	void readsMapKeysAsTheKeyType() {
		// A Map<Long, ...> is written as a JS Map with number keys.
		assertThat(this.codec.decode(this.codec.encode(Map.of(7L, "a")), new KvType<Map<Long, String>>() {
		})).containsExactly(Map.entry(7L, "a"));
		// A JS object's keys are strings.
		RawValue object = this.codec.encode(Map.of("1", "a", "-2", "b"));
		assertThat(this.codec.decode(object, new KvType<Map<Integer, String>>() {
		})).containsOnlyKeys(1, -2);
		assertThat(this.codec.decode(object, new KvType<Map<BigInteger, String>>() {
		})).containsOnlyKeys(BigInteger.ONE, BigInteger.valueOf(-2));
		Map<?, String> wildcard = this.codec.decode(object, new KvType<Map<?, String>>() {
		});
		assertThat(wildcard.keySet()).isEqualTo(Set.of("1", "-2"));
		assertThat(this.codec.decode(this.codec.encode(Map.of("1.5", 1, "NaN", 2)), new KvType<Map<Double, Integer>>() {
		})).containsOnlyKeys(1.5, Double.NaN);
		assertThat(this.codec.decode(this.codec.encode(Map.of("A", 1)), new KvType<Map<Kind, Integer>>() {
		})).containsOnlyKeys(Kind.A);
		assertThat(this.codec.decode(this.codec.encode(Map.of(1, "one")), new KvType<Map<String, String>>() {
		})).containsOnlyKeys("1");
		// A JS Map's number keys named as JS's String(key) names them, not as Double.toString does.
		assertThat(this.codec.decode(this.codec.encode(Map.of(1e20, "a", 0.0001, "b")), new KvType<Map<String, String>>() {
		})).containsOnlyKeys("100000000000000000000", "0.0001");
		for (Object map : List.of(Map.of("x", 1), Map.of("300", 1), Map.of("1 ", 1), Map.of(1.5, 1), Map.of("1", 1, "01", 2))) {
			assertThatThrownBy(() -> this.codec.decode(this.codec.encode(map), new KvType<Map<Byte, Integer>>() {
			})).as(map.toString()).isInstanceOf(KvValueMappingException.class);
		}
	}

	@Test
	void refusesNumbersTheTargetCannotHold() {
		for (double d : new double[] { Double.NaN, Double.POSITIVE_INFINITY }) {
			assertThatThrownBy(() -> this.codec.decode(this.codec.encode(d), BigDecimal.class))
				.isInstanceOf(KvValueMappingException.class);
		}
		assertThatThrownBy(() -> this.codec.decode(this.codec.encode(1e300), Float.class))
			.isInstanceOf(KvValueMappingException.class);
		assertThat(this.codec.decode(this.codec.encode(0.1), float.class)).isEqualTo(0.1f);
		assertThat(this.codec.decode(this.codec.encode(Double.NEGATIVE_INFINITY), Float.class))
			.isEqualTo(Float.NEGATIVE_INFINITY);
		BigInteger twoTo53 = BigInteger.TWO.pow(53);
		assertThat(this.codec.decode(this.codec.encode(twoTo53), Double.class)).isEqualTo(0x1p53);
		for (BigInteger big : List.of(twoTo53.add(BigInteger.ONE), BigInteger.TWO.pow(1100))) {
			assertThatThrownBy(() -> this.codec.decode(this.codec.encode(big), double.class))
				.isInstanceOf(KvValueMappingException.class);
		}
	}

	record Node(String n, List<Node> children) {
	}

	record Pair(Line first, Line second) {
	}

	@Test
	void refusesACycleAsTheJacksonCodecDoes() {
		// o = {n: 'a', children: []}; o.children.push(o), as V8 writes it.
		RawValue raw = RawValue.v8(HexFormat.of().parseHex("ff0f6f22016e22016122086368696c6472656e41015e002400017b02"));
		String message = "The value contains a cycle, which cannot be bound to a Java type; decode it as Object";
		assertThatThrownBy(() -> this.codec.decode(raw, Node.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessage(message);
		assertThatThrownBy(() -> this.codec.decode(raw, new KvType<Optional<Node>>() {
		})).isInstanceOf(KvValueMappingException.class).hasMessage(message);
		assertThatThrownBy(() -> this.codec.decodeQueuePayload(raw.data(), Node.class))
			.isInstanceOf(KvValueMappingException.class).hasMessage(message);
		assertThatThrownBy(() -> new JacksonKvValueCodec().decode(raw, Node.class))
			.isInstanceOf(KvValueMappingException.class).hasMessage(message);
		Map<?, ?> natural = (Map<?, ?>) this.codec.decode(raw, Object.class);
		assertThat((List<?>) natural.get("children")).singleElement().isSameAs(natural);
	}

	@Test
	void bindsASharedObjectOncePerReference() {
		Map<String, Object> line = new LinkedHashMap<>(Map.of("sku", "x", "quantity", 1, "cents", 2));
		Map<String, Object> pair = new LinkedHashMap<>();
		pair.put("first", line);
		pair.put("second", line);
		Pair back = this.codec.decode(this.codec.encode(pair), Pair.class);
		assertThat(back.first()).isEqualTo(new Line("x", 1, 2)).isEqualTo(back.second());
		assertThat(this.codec.decode(this.codec.encode(List.of(line, line)), new KvType<List<Line>>() {
		})).containsExactly(new Line("x", 1, 2), new Line("x", 1, 2));
	}

}
