package dev.denokv.key;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KvKey#decodeLazily} keys behave exactly like {@link KvKey#decode} keys, for Deno's golden
 * keys, random keys and the lenient (non-canonical) encodings Deno accepts; only the error for
 * invalid bytes moves to the first use.
 */
class KvKeyLazyDecodingTest {

	private static final HexFormat HEX = HexFormat.of();

	@Test
	void lazyKeysAreIndistinguishableFromEagerOnes() {
		List<byte[]> encodings = new ArrayList<>();
		for (JsonNode row : SharedVectors.jsonLines("keys-values.jsonl")) {
			encodings.add(HEX.parseHex(row.get("key_hex").asString()));
		}
		RandomKeys random = new RandomKeys(20261122);
		for (int i = 0; i < 300; i++) {
			encodings.add(random.key().encode());
		}
		// Lenient forms: minus-zero bigint, a padded bigint, inside longer keys too.
		for (String hex : List.of("13ff", "160001", "02610013ff", "02610016000127", "")) {
			encodings.add(HEX.parseHex(hex));
		}
		List<KvKey> eager = encodings.stream().map(KvKey::decode).toList();
		for (int i = 0; i < encodings.size(); i++) {
			KvKey expected = eager.get(i);
			String name = HEX.formatHex(encodings.get(i));
			assertSameKey(name, KvKey.decodeLazily(encodings.get(i)), expected);
			for (int j = 0; j < eager.size(); j += 7) {
				KvKey other = eager.get(j);
				KvKey lazy = KvKey.decodeLazily(encodings.get(i));
				KvKey lazyOther = KvKey.decodeLazily(encodings.get(j));
				assertThat(lazy.equals(other)).as(name).isEqualTo(expected.equals(other));
				assertThat(other.equals(lazy)).as(name).isEqualTo(other.equals(expected));
				assertThat(lazy.equals(lazyOther)).as(name).isEqualTo(expected.equals(other));
				assertThat(Integer.signum(lazy.compareTo(lazyOther))).as(name)
					.isEqualTo(Integer.signum(expected.compareTo(other)));
				assertThat(Integer.signum(other.compareTo(lazy))).as(name)
					.isEqualTo(Integer.signum(other.compareTo(expected)));
				assertThat(lazy.startsWith(other)).as(name).isEqualTo(expected.startsWith(other));
				assertThat(other.startsWith(lazy)).as(name).isEqualTo(other.startsWith(expected));
			}
		}
	}

	@Test
	void invalidBytesFailWithTheSameMessageOnFirstUse() {
		for (String hex : List.of("ff", "02", "0161", "2100", "02c3")) {
			byte[] bytes = HEX.parseHex(hex);
			String message = catchMessage(() -> KvKey.decode(bytes));
			KvKey lazy = KvKey.decodeLazily(bytes);
			assertThatThrownBy(lazy::toString).as(hex).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
			assertThatThrownBy(lazy::hashCode).as(hex).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
			assertThatThrownBy(lazy::parts).as(hex).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
		}
	}

	@Test
	void keepsItsOwnCopyOfTheBytes() {
		byte[] bytes = KvKey.of("a", 1).encode();
		KvKey lazy = KvKey.decodeLazily(bytes);
		bytes[1] = 'b';
		assertThat(lazy).isEqualTo(KvKey.of("a", 1));
		assertThat(KvKey.decodeLazily(new byte[0])).isSameAs(KvKey.empty());
	}

	private static void assertSameKey(String name, KvKey lazy, KvKey expected) {
		assertThat(lazy.toString()).as(name).isEqualTo(expected.toString());
		assertThat(lazy.size()).as(name).isEqualTo(expected.size());
		assertThat(lazy.isEmpty()).as(name).isEqualTo(expected.isEmpty());
		assertThat(lazy.encode()).as(name).isEqualTo(expected.encode());
		assertThat(lazy.encodedLength()).as(name).isEqualTo(expected.encodedLength());
		assertThat(lazy.hashCode()).as(name).isEqualTo(expected.hashCode());
		assertThat(lazy).as(name).isEqualTo(expected);
		assertThat(lazy.compareTo(expected)).as(name).isZero();
		assertThat(lazy.parts()).as(name).hasSameSizeAs(expected.parts());
		for (int p = 0; p < expected.size(); p++) {
			assertSamePart(name, lazy.parts().get(p), expected.parts().get(p));
			assertSamePart(name, lazy.part(p), expected.part(p));
		}
		assertThat(KvKey.decodeLazily(expected.encode()).append("x", 1)).as(name).isEqualTo(expected.append("x", 1));
	}

	private static void assertSamePart(String name, Object actual, Object expected) {
		assertThat(actual).as(name).isExactlyInstanceOf(expected.getClass());
		if (expected instanceof byte[] bytes) {
			assertThat((byte[]) actual).as(name).isEqualTo(bytes);
		}
		else {
			// Double.equals: NaN equals NaN, -0.0 differs from 0.0, as key parts do.
			assertThat(actual.equals(expected)).as(name).isTrue();
		}
	}

	private static String catchMessage(Runnable action) {
		try {
			action.run();
		}
		catch (KvInvalidArgumentException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("expected a failure");
	}

}
