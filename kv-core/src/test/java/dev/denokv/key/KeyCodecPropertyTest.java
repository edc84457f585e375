package dev.denokv.key;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Properties over seeded random keys: decoding an encoding gives the key back, and the unsigned
 * byte order of encodings equals the logical key order, computed here independently of the codec.
 */
class KeyCodecPropertyTest {

	private static final int KEYS = 20_000;

	@Test
	void encodeThenDecodeIsTheIdentity() {
		RandomKeys random = new RandomKeys(1);
		for (int i = 0; i < KEYS; i++) {
			KvKey key = random.key();
			byte[] encoded = key.encode();
			KvKey decoded = KvKey.decode(encoded);
			assertThat(decoded).isEqualTo(key);
			assertThat(decoded.hashCode()).isEqualTo(key.hashCode());
			assertThat(decoded.encode()).isEqualTo(encoded);
			assertThat(KeyCodec.encode(KeyCodec.decode(encoded))).isEqualTo(encoded);
			assertThat(logicalOrder().compare(decoded, key)).isZero();
		}
	}

	@Test
	void byteOrderEqualsLogicalOrder() {
		RandomKeys random = new RandomKeys(2);
		List<KvKey> keys = new ArrayList<>();
		for (int i = 0; i < KEYS; i++) {
			keys.add(random.key());
		}
		List<KvKey> byBytes = new ArrayList<>(keys);
		byBytes.sort(null);
		List<KvKey> byLogic = new ArrayList<>(keys);
		byLogic.sort(logicalOrder());
		assertThat(byBytes).isEqualTo(byLogic);

		// Random pairs, plus neighbours in sorted order (the pairs that are hardest to tell apart).
		Random pairs = new Random(3);
		for (int i = 0; i < KEYS; i++) {
			boolean neighbours = i % 2 == 0 && i + 1 < KEYS;
			KvKey a = neighbours ? byBytes.get(i) : keys.get(pairs.nextInt(KEYS));
			KvKey b = neighbours ? byBytes.get(i + 1) : keys.get(pairs.nextInt(KEYS));
			int logical = Integer.signum(logicalOrder().compare(a, b));
			assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(logical);
			assertThat(Integer.signum(KeyCodec.ORDER.compare(a.encode(), b.encode()))).isEqualTo(logical);
			assertThat(a.equals(b)).isEqualTo(logical == 0);
		}
	}

	@Test
	void arbitraryBytesEitherDecodeCanonicallyOrFailWithKvInvalidArgument() {
		Random random = new Random(4);
		byte[] tags = { 0x01, 0x02, 0x0b, 0x0c, 0x13, 0x14, 0x15, 0x1c, 0x1d, 0x21, 0x26, 0x27, 0x00, (byte) 0xff };
		for (int i = 0; i < KEYS; i++) {
			byte[] bytes = new byte[random.nextInt(12)];
			for (int j = 0; j < bytes.length; j++) {
				bytes[j] = random.nextBoolean() ? tags[random.nextInt(tags.length)] : (byte) random.nextInt(256);
			}
			try {
				KvKey key = KvKey.decode(bytes);
				assertThat(KvKey.decode(key.encode())).isEqualTo(key);
			}
			catch (KvInvalidArgumentException ex) {
				assertThat(ex.getMessage()).isIn("invalid tag", "invalid utf8", "unexpected end of file");
			}
			catch (RuntimeException ex) {
				fail("unexpected " + ex + " for " + java.util.HexFormat.of().formatHex(bytes));
			}
		}
	}

	/** Deno's documented order, without looking at any bytes of the encoding. */
	static Comparator<KvKey> logicalOrder() {
		return (a, b) -> {
			List<Object> x = a.parts();
			List<Object> y = b.parts();
			for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
				int c = comparePart(x.get(i), y.get(i));
				if (c != 0) {
					return c;
				}
			}
			return Integer.compare(x.size(), y.size());
		};
	}

	private static int comparePart(Object a, Object b) {
		int c = Integer.compare(typeRank(a), typeRank(b));
		if (c != 0) {
			return c;
		}
		if (a instanceof byte[] x) {
			return compareUnsignedBytes(x, (byte[]) b);
		}
		if (a instanceof String x) {
			return compareCodePoints(x, (String) b);
		}
		if (a instanceof BigInteger x) {
			return x.compareTo((BigInteger) b);
		}
		if (a instanceof Double x) {
			double y = (Double) b;
			int classes = Integer.compare(nanClass(x), nanClass(y));
			return (classes != 0 || Double.isNaN(x)) ? classes : Double.compare(x, y);
		}
		return 0; // booleans: the rank already separates false and true
	}

	/** bytes < string < bigint < number < false < true. */
	private static int typeRank(Object part) {
		if (part instanceof byte[]) {
			return 0;
		}
		if (part instanceof String) {
			return 1;
		}
		if (part instanceof BigInteger) {
			return 2;
		}
		if (part instanceof Double) {
			return 3;
		}
		return ((Boolean) part) ? 5 : 4;
	}

	/** -NaN below everything, NaN above everything, ordinary numbers (with -0 < +0) between. */
	private static int nanClass(double d) {
		if (!Double.isNaN(d)) {
			return 1;
		}
		return (Double.doubleToRawLongBits(d) < 0) ? 0 : 2;
	}

	private static int compareUnsignedBytes(byte[] x, byte[] y) {
		for (int i = 0; i < Math.min(x.length, y.length); i++) {
			int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(x.length, y.length);
	}

	private static int compareCodePoints(String x, String y) {
		int[] a = x.codePoints().toArray();
		int[] b = y.codePoints().toArray();
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			int c = Integer.compare(a[i], b[i]);
			if (c != 0) {
				return c;
			}
		}
		return Integer.compare(a.length, b.length);
	}

}
