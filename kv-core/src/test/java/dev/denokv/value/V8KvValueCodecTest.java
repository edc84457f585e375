package dev.denokv.value;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
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

}
