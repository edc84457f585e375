package dev.denokv.key;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping of Java values to key parts, value semantics, and printing. */
class KvKeyTest {

	@Test
	void javaIntegersAreJsNumbersLikeInDeno() {
		KvKey key = KvKey.of("users", 42);
		assertThat(key.part(1)).isEqualTo(42.0);
		assertThat(key).isEqualTo(KvKey.of("users", 42L)).isEqualTo(KvKey.of("users", 42.0))
			.isEqualTo(KvKey.of("users", (short) 42)).isEqualTo(KvKey.of("users", (byte) 42))
			.isEqualTo(KvKey.of("users", 42.0f)).isEqualTo(KvKey.of("users", KvKey.number(42L)))
			.isNotEqualTo(KvKey.of("users", BigInteger.valueOf(42)))
			.isNotEqualTo(KvKey.of("users", KvKey.bigint(42)));
		assertThat(key.toString()).isEqualTo("[ \"users\", 42 ]");
		assertThat(KvKey.of("users", KvKey.bigint(42)).toString()).isEqualTo("[ \"users\", 42n ]");
	}

	@Test
	void longsADoubleCannotHoldAreRejectedNotRounded() {
		long max = 1L << 53;
		assertThat(KvKey.number(max)).isEqualTo(0x1p53);
		assertThat(KvKey.number(-max)).isEqualTo(-0x1p53);
		assertThat(KvKey.number(Long.MIN_VALUE)).isEqualTo(-0x1p63);
		assertThat(KvKey.number(1L << 60)).isEqualTo(0x1p60);
		for (long bad : new long[] { max + 1, -max - 1, Long.MAX_VALUE, Long.MIN_VALUE + 1, (1L << 60) + 1 }) {
			assertThatThrownBy(() -> KvKey.of("n", bad)).isInstanceOf(KvInvalidArgumentException.class)
				.hasMessageContaining(Long.toString(bad))
				.hasMessageContaining("cannot be represented exactly")
				.hasMessageContaining("KvKey.bigint");
			assertThat(KvKey.of("n", KvKey.bigint(bad)).part(1)).isEqualTo(BigInteger.valueOf(bad));
		}
	}

	@Test
	void unsupportedPartsGetDenosMessage() {
		for (Object bad : new Object[] { null, new Object(), List.of(1), new int[] { 1 }, 'c', new java.util.Date(0),
				java.nio.ByteBuffer.allocate(1), new java.math.BigDecimal("1.5"), dev.denokv.model.KvU64.of(1) }) {
			assertThatThrownBy(() -> KvKey.of("a", bad)).as(String.valueOf(bad))
				.isInstanceOf(KvInvalidArgumentException.class)
				.hasMessage("expected string, number, bigint, ArrayBufferView, boolean");
		}
		assertThatThrownBy(() -> KvKey.of((Object[]) null)).isInstanceOf(KvInvalidArgumentException.class);
		assertThatThrownBy(() -> KvKey.of("a").append((Object) null)).isInstanceOf(KvInvalidArgumentException.class);
		assertThatThrownBy(() -> KvKey.of(java.util.Arrays.asList("a", null)))
			.hasMessage("expected string, number, bigint, ArrayBufferView, boolean");
	}

	@Test
	void equalsAndHashCodeHonourEveryPartType() {
		assertThat(KvKey.of((Object) new byte[] { 1, 2 })).isEqualTo(KvKey.of((Object) new byte[] { 1, 2 }))
			.hasSameHashCodeAs(KvKey.of((Object) new byte[] { 1, 2 }))
			.isNotEqualTo(KvKey.of((Object) new byte[] { 1, 3 }));
		assertThat(KvKey.of(-0.0)).isNotEqualTo(KvKey.of(0.0));
		assertThat(KvKey.of(Double.NaN)).isEqualTo(KvKey.of(0.0 / 0.0)).hasSameHashCodeAs(KvKey.of(Double.NaN));
		assertThat(KvKey.of("a")).isNotEqualTo(KvKey.of((Object) "a".getBytes()));
		assertThat(KvKey.of(true)).isNotEqualTo(KvKey.of(false)).isEqualTo(KvKey.of(Boolean.TRUE));
		assertThat(KvKey.of(new BigInteger("123456789012345678901234567890")))
			.isEqualTo(KvKey.of(new BigInteger("123456789012345678901234567890")));
		Set<KvKey> set = new HashSet<>(List.of(KvKey.of("a", 1), KvKey.of("a", 1.0), KvKey.of("a", -0.0), KvKey.of("a", 0)));
		assertThat(set).hasSize(3);
		assertThat(KvKey.of()).isSameAs(KvKey.empty()).isEqualTo(KvKey.of(List.of()));
	}

	@Test
	void byteArraysAreDefensivelyCopied() {
		byte[] input = { 1, 2, 3 };
		KvKey key = KvKey.of(input);
		input[0] = 9;
		assertThat((byte[]) key.part(0)).containsExactly(1, 2, 3);
		((byte[]) key.part(0))[1] = 9;
		((byte[]) key.parts().get(0))[1] = 9;
		key.encode()[1] = 9;
		assertThat((byte[]) key.part(0)).containsExactly(1, 2, 3);
		assertThat(key.encode()).containsExactly(1, 1, 2, 3, 0);
		assertThatThrownBy(() -> key.parts().add("x")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void partsAreNormalized() {
		KvKey key = KvKey.of("s", new byte[] { 0 }, 7, 7L, 1.5f, BigInteger.TEN, true);
		assertThat(key.parts()).hasSize(7);
		assertThat(key.parts().get(2)).isInstanceOf(Double.class);
		assertThat(key.parts().get(3)).isInstanceOf(Double.class);
		assertThat(key.parts().get(4)).isEqualTo(1.5);
		assertThat(key.parts().get(5)).isEqualTo(BigInteger.TEN);
		assertThat(key.size()).isEqualTo(7);
		assertThat(KvKey.of("\ud800x").part(0)).isEqualTo("\ufffdx");
		assertThat(KvKey.of("\ud83d\ude00").part(0)).isEqualTo("\ud83d\ude00");
	}

	@Test
	void appendAndStartsWithWorkPartWise() {
		KvKey users = KvKey.of("users");
		KvKey alice = users.append("alice", 1);
		assertThat(alice).isEqualTo(KvKey.of("users", "alice", 1));
		assertThat(alice.startsWith(users)).isTrue();
		assertThat(alice.startsWith(KvKey.empty())).isTrue();
		assertThat(alice.startsWith(alice)).isTrue();
		assertThat(users.startsWith(alice)).isFalse();
		assertThat(KvKey.of("usersX").startsWith(users)).isFalse();
		// The bytes of ["a\0"] start with the bytes of ["a"], but the parts do not.
		assertThat(KvKey.of("a\u0000").startsWith(KvKey.of("a"))).isFalse();
		assertThat(users.append()).isSameAs(users);
		assertThat(users).isEqualTo(KvKey.of("users"));
	}

	@Test
	void compareToIsDenosOrder() {
		assertThat(KvKey.of((Object) new byte[0])).isLessThan(KvKey.of(""));
		assertThat(KvKey.of("")).isLessThan(KvKey.of(BigInteger.ZERO));
		assertThat(KvKey.of(BigInteger.ZERO)).isLessThan(KvKey.of(0));
		assertThat(KvKey.of(0)).isLessThan(KvKey.of(false));
		assertThat(KvKey.of(false)).isLessThan(KvKey.of(true));
		assertThat(KvKey.of(-0.0)).isLessThan(KvKey.of(0.0));
		assertThat(KvKey.of(KvKey.bigint(-300))).isLessThan(KvKey.of(KvKey.bigint(-2)));
		assertThat(KvKey.of("a")).isLessThan(KvKey.of("a", 1)).isLessThan(KvKey.of("a\u0000"));
		assertThat(KvKey.of("a").compareTo(KvKey.of("a"))).isZero();
	}

	@Test
	void toStringLooksLikeDenoInspect() {
		assertThat(KvKey.empty()).hasToString("[]");
		assertThat(KvKey.of("a\"b", "it's \"x\"", "tab\t", "\u007f", "back\\slash"))
			.hasToString("[ 'a\"b', `it's \"x\"`, \"tab\\t\", \"\\x7f\", \"back\\\\slash\" ]");
		assertThat(KvKey.of(1e21, 1e-7, 123e-20, 0.000001, 100, -1.5, 2e20, Double.NaN, -0.0))
			.hasToString("[ 1e+21, 1e-7, 1.23e-18, 0.000001, 100, -1.5, 200000000000000000000, NaN, -0 ]");
		assertThat(KvKey.of(new byte[] { 1, (byte) 255 }, new byte[0], BigInteger.valueOf(-5), true))
			.hasToString("[ Uint8Array(2) [ 1, 255 ], Uint8Array(0) [], -5n, true ]");
		assertThat(KvKey.of(2e-323, 1.0e23, 5e-324)).hasToString("[ 2e-323, 1e+23, 5e-324 ]");
	}

}
