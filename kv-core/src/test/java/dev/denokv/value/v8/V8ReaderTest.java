package dev.denokv.value.v8;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvException;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsHostObject;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;
import dev.denokv.value.js.JsUndefined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reader behaviour from v8-serializer.md's worked examples and V8's rules. */
class V8ReaderTest {

	private static Object read(String hex) {
		return V8Reader.read(HexFormat.of().parseHex(hex.replace(" ", "")));
	}

	private static Object natural(String hex) {
		return V8Reader.read(HexFormat.of().parseHex(hex.replace(" ", "")), V8ReadOptions.NATURAL);
	}

	@Test
	void readsVersions13To16() {
		assertThat(read("FF 0D 49 02")).isEqualTo(1.0);
		assertThat(read("FF 0E 49 02")).isEqualTo(1.0);
		assertThat(read("FF 0F 49 02")).isEqualTo(1.0);
		assertThat(read("FF 10 49 02")).isEqualTo(1.0);
		assertThatThrownBy(() -> read("FF 0C 49 02")).isInstanceOf(V8DecodeException.class).hasMessageContaining("version 12");
		assertThatThrownBy(() -> read("FF 11 49 02")).isInstanceOf(V8DecodeException.class);
		assertThatThrownBy(() -> read("49 02")).isInstanceOf(V8DecodeException.class).hasMessageContaining("header");
		assertThatThrownBy(() -> read("")).isInstanceOf(V8DecodeException.class);
	}

	@Test
	void readsReaderOnlyForms() {
		// E50: uint32, UTF-8 string, verify-object-count, padding before a tag, version 13 view without flags.
		assertThat(read("FF 0F 55 FF FF FF FF 0F")).isEqualTo(4294967295.0);
		assertThat(read("FF 0F 53 05 C3 A9 E2 82 AC")).isEqualTo("é€");
		assertThat(read("FF 0F 3F 05 49 4E")).isEqualTo(39.0);
		assertThat(read("FF 0F 6F 22 01 61 00 49 02 7B 01")).isEqualTo(Map.of("a", 1.0));
		assertThat(natural("FF 0D 42 01 07 56 42 00 01")).isEqualTo(new byte[] { 7 });
		// Version 13 written with flags by a buggy V8: read on the second attempt, as V8 does.
		assertThat(natural("FF 0D 42 01 07 56 42 00 01 00 24")).isEqualTo(new byte[] { 7 });
	}

	@Test
	void readsBigIntsOfAnyDigitLength() {
		assertThat(read("FF 0F 5A 02 01")).isEqualTo(BigInteger.ONE);
		assertThat(read("FF 0F 5A 03 01")).isEqualTo(BigInteger.ONE.negate());
		assertThatThrownBy(() -> read("FF 0F 5A 01")).isInstanceOf(V8DecodeException.class).hasMessageContaining("negative zero");
	}

	@Test
	void readsErrorSubTagsInAnyOrder() {
		// E49 in V8 11.3's order: cause before stack.
		JsError error = (JsError) read("FF 0F 72 54 6D 22 01 74 63 49 04 73 22 01 53 2E");
		assertThat(error.name()).isEqualTo("TypeError");
		assertThat(error.message()).isEqualTo("t");
		assertThat(error.stack()).isEqualTo("S");
		assertThat(error.cause()).isEqualTo(2.0);
	}

	@Test
	void keepsSharedAndCyclicReferences() {
		@SuppressWarnings("unchecked")
		List<Object> shared = (List<Object>) read("FF 0F 41 02 6F 7B 00 5E 01 24 00 02");
		assertThat(shared.get(0)).isSameAs(shared.get(1));
		@SuppressWarnings("unchecked")
		Map<String, Object> cycle = (Map<String, Object>) read("FF 0F 6F 22 04 73 65 6C 66 5E 00 7B 01");
		assertThat(cycle.get("self")).isSameAs(cycle);
		JsError selfCause = (JsError) read("FF 0F 72 63 5E 00 2E");
		assertThat(selfCause.cause()).isSameAs(selfCause);
	}

	@Test
	void readsHolesWithoutAllocatingByLength() {
		JsArray array = (JsArray) read("FF 0F 61 FE FF FF FF 0F 49 02 49 02 40 01 FE FF FF FF 0F");
		assertThat(array.length()).isEqualTo(4294967294L);
		assertThat(array.elements()).containsExactly(Map.entry(1L, 1.0));
		// E33: a holey-kind array that is full reads as a plain list.
		assertThat(read("FF 0F 61 02 49 00 49 02 49 02 49 04 40 02 02")).isEqualTo(List.of(1.0, 2.0));
		// A hole inside a dense array.
		JsArray dense = (JsArray) read("FF 0F 41 03 49 02 2D 49 06 24 00 03");
		assertThat(dense.isHole(1)).isTrue();
		assertThat(dense.get(2)).isEqualTo(3.0);
	}

	@Test
	void distinguishesUndefinedOnlyWhenAsked() {
		assertThat(read("FF 0F 5F")).isSameAs(JsUndefined.INSTANCE);
		assertThat(natural("FF 0F 5F")).isNull();
	}

	@Test
	void readsViewsOverOneBuffer() {
		// E39: two Uint8Arrays over one buffer.
		@SuppressWarnings("unchecked")
		List<Object> views = (List<Object>) read("FF 0F 41 02 42 02 00 00 56 42 00 02 00 5E 01 56 42 01 01 00 24 00 02");
		JsTypedArray a = (JsTypedArray) views.get(0);
		JsTypedArray b = (JsTypedArray) views.get(1);
		assertThat(a.buffer()).isSameAs(b.buffer());
		assertThat(b.byteOffset()).isEqualTo(1);
		// E37: a length-tracking view over a resizable buffer.
		JsTypedArray tracking = (JsTypedArray) read("FF 0F 7E 02 04 00 00 56 42 00 00 03");
		assertThat(tracking.lengthTracking()).isTrue();
		assertThat(tracking.byteLength()).isEqualTo(2);
		assertThat(tracking.buffer().maxByteLength()).isEqualTo(4);
		assertThat(tracking.kind()).isEqualTo(JsTypedArrayKind.UINT8);
	}

	@Test
	void roundsALengthTrackingViewDownToWholeElements() {
		// new Int16Array(new ArrayBuffer(3, {maxByteLength: 8})): one element, the odd byte left out.
		for (Object value : List.of(read("FF 0F 7E 03 08 00 00 00 56 77 00 00 03"),
				natural("FF 0F 7E 03 08 00 00 00 56 77 00 00 03"))) {
			JsTypedArray view = (JsTypedArray) value;
			assertThat(view.kind()).isEqualTo(JsTypedArrayKind.INT16);
			assertThat(view.lengthTracking()).isTrue();
			assertThat(view.length()).isEqualTo(1);
			assertThat(view.byteLength()).isEqualTo(2);
			assertThat(view.buffer().byteLength()).isEqualTo(3);
		}
		// A fixed-length view must still be whole elements.
		assertThatThrownBy(() -> read("FF 0F 7E 03 08 00 00 00 56 77 00 03 02")).isInstanceOf(V8DecodeException.class);
		assertThatThrownBy(() -> new JsTypedArray(JsTypedArrayKind.INT16, new JsArrayBuffer(new byte[3], 8), 0, 3, false))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rejectsRegExpFlagsDenoRefusesAsMalformedInput() {
		// Flag bit 0x40 ('l', V8's linear engine), and 'u' (0x10) with 'v' (0x100).
		assertThatThrownBy(() -> read("FF 0F 52 22 01 61 40")).isInstanceOf(V8DecodeException.class)
			.hasMessageContaining("'l'");
		assertThatThrownBy(() -> read("FF 0F 52 22 01 61 90 02")).isInstanceOf(V8DecodeException.class)
			.hasMessageContaining("'u' and 'v'");
		assertThat(read("FF 0F 52 22 01 61 80 02")).isEqualTo(new JsRegExp("a", "v"));
	}

	@Test
	void readsDenoHostObjects() {
		// E46: a cloneable host object whose payload is {type: "X", n: 1}.
		JsHostObject host = (JsHostObject) read("FF 0F 5C FF FF FF FF 0F 6F 22 04 74 79 70 65 22 01 58 22 01 6E 49 02 7B 02");
		assertThat(host.payload()).isEqualTo(Map.of("type", "X", "n", 1.0));
	}

	@Test
	void keepsTheBytesOfWhatItCannotInterpret() {
		byte[] unknownTag = HexFormat.of().parseHex("ff0f6f2201614d7b01");
		JsOpaque opaque = (JsOpaque) V8Reader.read(unknownTag);
		assertThat(opaque.bytes()).isEqualTo(unknownTag);
		assertThat(opaque.offset()).isEqualTo(6);
		assertThat(opaque.reason()).contains("0x4d");
		assertThat(V8Writer.write(opaque)).isEqualTo(unknownTag);
		JsOpaque host = (JsOpaque) read("FF 0F 5C 20 01 02");
		assertThat(host.reason()).contains("host object");
		assertThat(read("FF 0F 75 00")).isInstanceOf(JsOpaque.class);
	}

	@Test
	void readsJsMapKeysWithJsSemantics() {
		// {} and {} as keys are two entries; -0 and 0 are one.
		JsMap map = (JsMap) read("FF 0F 3B 6F 7B 00 49 02 6F 7B 00 49 04 3A 04");
		assertThat(map).hasSize(2);
		JsMap zeros = (JsMap) read("FF 0F 3B 4E 00 00 00 00 00 00 00 80 49 02 49 00 49 04 3A 04");
		assertThat(zeros).hasSize(1).containsEntry(0.0, 2.0);
	}

	@Test
	void namesNumberKeysAsJsDoes() {
		// {[1e20]: 1} and {[0.0001]: 1}: V8 writes the keys as doubles, JS names them by Number::toString.
		assertThat(read("ff0f6f4e408cb5781daf154449027b01")).isEqualTo(Map.of("100000000000000000000", 1.0));
		assertThat(read("ff0f6f4e2d431cebe2361a3f49027b01")).isEqualTo(Map.of("0.0001", 1.0));
		assertThat(natural("ff0f6f4e408cb5781daf154449027b01")).isEqualTo(Map.of("100000000000000000000", 1.0));
		// 1e21 and 1.5 were right before; -0 is the key "0".
		assertThat(read("ff0f6f4e50efe2d6e41a4b4449027b01")).isEqualTo(Map.of("1e+21", 1.0));
		assertThat(read("ff0f6f4e000000000000f83f49027b01")).isEqualTo(Map.of("1.5", 1.0));
		assertThat(read("ff0f6f4e000000000000008049027b01")).isEqualTo(Map.of("0", 1.0));
	}

	@Test
	void rejectsMalformedInputWithItsOwnException() {
		for (String hex : List.of("FF 0F", "FF 0F 22 05 61", "FF 0F 63 03 61 00 62", "FF 0F 6F 22 01 61 49 02 7B 02",
				"FF 0F 6F 22 01 61 49 02 22 01 61 49 02 7B 02", "FF 0F 41 FF FF FF FF 0F", "FF 0F 5E 00",
				"FF 0F 41 01 49 02 24 00 02", "FF 0F 3B 49 02 3A 02 00", "FF 0F 56 42 00 00 00", "FF 0F 42 02 00 00 56 64 00 02 00",
				"FF 0F 42 02 00 00 56 42 01 02 00", "FF 0F 49 FF FF FF FF 1F", "FF 0F 4E 00 00", "FF 0F 52 22 00 80 04",
				"FF 0F 7B 00", "FF 0F 2D", "FF 0F 44 00")) {
			assertThatThrownBy(() -> read(hex)).as(hex).isInstanceOf(V8DecodeException.class).isInstanceOf(KvException.class);
		}
	}

	@Test
	void limitsNesting() {
		StringBuilder deep = new StringBuilder("FF0F");
		deep.append("4101".repeat(V8Reader.MAX_DEPTH + 1));
		assertThatThrownBy(() -> read(deep.toString())).isInstanceOf(V8DecodeException.class).hasMessageContaining("nesting");
	}

}
