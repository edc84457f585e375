package dev.denokv.value;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.denokv.model.RawValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvTypeTest {

	record Line(String sku, int quantity) {
	}

	private static final KvType<List<Line>> LINES = new KvType<>() {
	};

	@Test
	void capturesTheTypeArgumentOfTheAnonymousSubclass() {
		assertThat(LINES.type().getTypeName()).isEqualTo("java.util.List<" + Line.class.getName() + ">");
		assertThat(LINES.asClass()).isNull();
		assertThat(KvType.of(String.class).asClass()).isEqualTo(String.class);
		assertThat(new KvType<String>() {
		}).isEqualTo(KvType.of(String.class)).hasSameHashCodeAs(KvType.of(String.class));
		assertThat(LINES).isEqualTo(new KvType<List<Line>>() {
		}).isNotEqualTo(KvType.of(List.class));
		assertThat(LINES).hasToString("KvType<java.util.List<" + Line.class.getName() + ">>");
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void aRawOrTypeVariableCaptureIsRefused() {
		assertThatThrownBy(() -> new KvType() {
		}).isInstanceOf(IllegalStateException.class).hasMessageContaining("new KvType<List<Todo>>() { }");
		assertThatThrownBy(KvTypeTest::captureOfTypeVariable).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("type variable (T)");
		assertThatThrownBy(() -> KvType.of((Type) null)).isInstanceOf(NullPointerException.class);
	}

	private static <T> KvType<T> captureOfTypeVariable() {
		return new KvType<T>() {
		};
	}

	@Test
	void bothCodecsDecodeGenericTypesWithoutJacksonTypes() {
		for (KvValueCodec codec : List.of(KvValueCodec.standard(), new JacksonKvValueCodec())) {
			RawValue raw = codec.encode(List.of(new Line("a", 2), new Line("b", 3)));
			assertThat(codec.decode(raw, LINES)).as(codec.getClass().getSimpleName())
				.containsExactly(new Line("a", 2), new Line("b", 3));
			Map<String, ? extends Number> numbers = codec.decode(codec.encode(Map.of("n", 4)),
					new KvType<Map<String, ? extends Number>>() {
					});
			assertThat(numbers.get("n").doubleValue()).isEqualTo(4.0);
			assertThat(codec.decodeQueuePayload(codec.encodeQueuePayload(List.of(new Line("q", 1))), LINES))
				.containsExactly(new Line("q", 1));
			assertThat(codec.decode(codec.encode("text"), KvType.of(String.class))).isEqualTo("text");
		}
	}

	@Test
	void theStandardCodecRefusesGenericFormsItCannotBuild() {
		RawValue raw = KvValueCodec.standard().encode(List.of(List.of("x")));
		assertThatThrownBy(() -> KvValueCodec.standard().decode(raw, new KvType<List<String>[]>() {
		})).isInstanceOf(KvValueMappingException.class).hasMessageContaining("use JacksonKvValueCodec");
	}

	@Test
	void aCodecSubclassWrittenBeforeGenericTypesStillWorksAndRefusesThem() {
		AbstractKvValueCodec older = new AbstractKvValueCodec() {

			@Override
			protected dev.denokv.value.v8.V8ValueAdapter adapter() {
				return dev.denokv.value.v8.StandardValueAdapter.INSTANCE;
			}

			@Override
			protected <T> T convert(Object natural, Class<T> type) {
				return type.cast(natural);
			}

		};
		RawValue raw = older.encode(List.of("x"));
		assertThat(older.decode(raw, KvType.of(List.class))).containsExactly("x");
		assertThatThrownBy(() -> older.decode(raw, LINES)).isInstanceOf(KvValueMappingException.class)
			.hasMessageContaining("reads into classes only");
	}

	@Test
	void aCodecThatKnowsOnlyClassesReadsClassesAndRefusesGenericTypes() {
		KvValueCodec classesOnly = new KvValueCodec() {

			@Override
			public RawValue encode(Object value) {
				return KvValueCodec.standard().encode(value);
			}

			@Override
			public <T> T decode(RawValue raw, Class<T> type) {
				return KvValueCodec.standard().decode(raw, type);
			}

			@Override
			public byte[] encodeQueuePayload(Object message) {
				return KvValueCodec.standard().encodeQueuePayload(message);
			}

			@Override
			public <T> T decodeQueuePayload(byte[] payload, Class<T> type) {
				return KvValueCodec.standard().decodeQueuePayload(payload, type);
			}

		};
		RawValue raw = classesOnly.encode(List.of(new Line("a", 1)));
		assertThat(classesOnly.decode(raw, KvType.of(List.class))).hasSize(1);
		assertThatThrownBy(() -> classesOnly.decode(raw, LINES)).isInstanceOf(KvValueMappingException.class)
			.hasMessageContaining("reads into classes only, not java.util.List<");
		assertThatThrownBy(() -> classesOnly.decodeQueuePayload(new byte[0], LINES))
			.isInstanceOf(KvValueMappingException.class);
	}

}
