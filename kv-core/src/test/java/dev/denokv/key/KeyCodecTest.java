package dev.denokv.key;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.denokv.error.KvInvalidArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The worked examples of kv-format.md §3.5 and the decoder's error cases. */
class KeyCodecTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

	@Test
	void workedExamplesOfTheSpec() {
		assertEncodes("0268656c6c6f00", "hello");
		assertEncodes("01010200ff070800", (Object) new byte[] { 1, 2, 0, 7, 8 });
		assertEncodes("0275736572730002616c69636500", "users", "alice");
		assertEncodes("0261001501", "a", BigInteger.ONE);
		assertEncodes("0275736572730015 2a27", "users", KvKey.bigint(42), true);
		assertEncodes("0200", "");
		assertEncodes("0100", (Object) new byte[0]);
		assertEncodes("0100ff01ff00", (Object) new byte[] { 0, 1, (byte) 0xff });
		assertEncodes("026100ff6200", "a\u0000b");
		assertEncodes("02c3a900", "\u00e9");
		assertEncodes("26", false);
		assertEncodes("27", true);
		assertEncodes("14", BigInteger.ZERO);
		assertEncodes("15ff", KvKey.bigint(255));
		assertEncodes("160100", KvKey.bigint(256));
		assertEncodes("13fe", KvKey.bigint(-1));
		assertEncodes("1300", KvKey.bigint(-255));
		assertEncodes("12feff", KvKey.bigint(-256));
		assertEncodes("1337", KvKey.bigint(-200));
		assertEncodes("160258", KvKey.bigint(600));
		assertEncodes("1cffffffffffffffff", TWO_64.subtract(BigInteger.ONE));
		assertEncodes("1d090100000000000000 00", TWO_64);
		assertEncodes("0c7fffffffffffffff", KvKey.bigint(Long.MIN_VALUE));
		assertEncodes("0bf6feffffffffffffffff", TWO_64.negate());
		assertEncodes("218000000000000000", 0);
		assertEncodes("217fffffffffffffff", -0.0);
		assertEncodes("21bff0000000000000", 1);
		assertEncodes("21400fffffffffffff", -1L);
		assertEncodes("21bfe0000000000000", 0.5f);
		assertEncodes("21c069000000000000", (short) 200);
		assertEncodes("213f8d3fffffffffff", -300);
		assertEncodes("21c05edd2f1a9fbe77", 123.456);
		assertEncodes("02780021c0091eb851eb851f", "x", 3.14);
		assertEncodes("21fff0000000000000", Double.POSITIVE_INFINITY);
		assertEncodes("21000fffffffffffff", Double.NEGATIVE_INFINITY);
		assertEncodes("21fff8000000000000", Double.NaN);
	}

	@Test
	void nanIsCanonicalizedKeepingItsSign() {
		double payloadNan = Double.longBitsToDouble(0x7ff8000000000123L);
		double negativeNan = Double.longBitsToDouble(0xfff0000000000001L);
		assertEncodes("21fff8000000000000", payloadNan);
		assertEncodes("210007ffffffffffff", negativeNan);
		assertThat(KvKey.of(payloadNan)).isEqualTo(KvKey.of(Double.NaN));
		assertThat(KvKey.of(negativeNan)).isNotEqualTo(KvKey.of(Double.NaN));
		assertThat(Double.doubleToRawLongBits((Double) KvKey.decode(HEX.parseHex("21fff8000000000123")).part(0)))
			.isEqualTo(0x7ff8000000000000L);
	}

	@Test
	void bigintsUpTo255BytesEncodeAndLargerOnesAreRejected() {
		BigInteger max = BigInteger.ONE.shiftLeft(255 * 8).subtract(BigInteger.ONE);
		byte[] encoded = KvKey.of(max).encode();
		assertThat(encoded).hasSize(2 + 255);
		assertThat(encoded[0]).isEqualTo((byte) 0x1d);
		assertThat(encoded[1]).isEqualTo((byte) 0xff);
		assertThat(KvKey.of(max.negate()).encode()[1]).isEqualTo((byte) 0x00);
		assertThat(KvKey.decode(encoded).part(0)).isEqualTo(max);
		assertThatThrownBy(() -> KvKey.of(max.add(BigInteger.ONE))).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("BigUint requires more than 255 bytes to be represented");
		assertThatThrownBy(() -> KeyCodec.encode(List.of(max.add(BigInteger.ONE).negate())))
			.hasMessage("BigUint requires more than 255 bytes to be represented");
	}

	@ParameterizedTest
	@CsvSource({ "00, invalid tag", "05, invalid tag", "20, invalid tag", "ff, invalid tag", "0261, unexpected end of file",
			"0100ff, unexpected end of file", "15, unexpected end of file", "1d, unexpected end of file",
			"1d02ff, unexpected end of file", "0b, unexpected end of file", "21ffff, unexpected end of file",
			"02ff00, invalid utf8", "02eda08000, invalid utf8", "02c0af00, invalid utf8", "0261002a, invalid tag" })
	void undecodableBytesAreRejectedWithDenosMessage(String hex, String message) {
		assertThatThrownBy(() -> KvKey.decode(HEX.parseHex(hex))).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage(message);
	}

	@Test
	void decodingIsLenientLikeDenoAndReencodesCanonically() {
		// 13 ff is "minus zero" and 16 00 01 a padded 1: Deno decodes both; their canonical forms differ.
		assertThat(KvKey.decode(HEX.parseHex("13ff"))).isEqualTo(KvKey.of(BigInteger.ZERO));
		assertThat(KvKey.decode(HEX.parseHex("160001")).encode()).isEqualTo(HEX.parseHex("1501"));
		assertThat(KvKey.decode(new byte[0])).isSameAs(KvKey.empty());
	}

	@Test
	void staticComparatorOrdersUnsigned() {
		assertThat(KeyCodec.ORDER.compare(HEX.parseHex("21"), HEX.parseHex("02"))).isPositive();
		assertThat(KeyCodec.ORDER.compare(HEX.parseHex("ff"), HEX.parseHex("01"))).isPositive();
		assertThat(KeyCodec.ORDER.compare(HEX.parseHex("02"), HEX.parseHex("0200"))).isNegative();
	}

	private static void assertEncodes(String hex, Object... parts) {
		byte[] expected = HEX.parseHex(hex.replace(" ", ""));
		KvKey key = KvKey.of(parts);
		assertThat(HEX.formatHex(key.encode())).isEqualTo(HEX.formatHex(expected));
		assertThat(KeyCodec.encode(List.of(parts))).isEqualTo(expected);
		assertThat(KvKey.decode(expected)).isEqualTo(key);
	}

}
