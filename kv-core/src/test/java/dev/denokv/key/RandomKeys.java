package dev.denokv.key;

import java.math.BigInteger;
import java.util.Random;

/** Seeded random keys that favour the edge cases of the encoding (00/ff bytes, NaN, -0.0, big bigints). */
final class RandomKeys {

	private static final String ALPHABET = "\u0000\u0001az\u00ff\u00e9\u65e5\uffff\ud83d\ude00\ud800\udc00x\u0000";

	private static final double[] SPECIAL_DOUBLES = { 0.0, -0.0, Double.NaN, -Double.NaN, Double.POSITIVE_INFINITY,
			Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
			Double.MIN_NORMAL, 1.0, -1.0, 0.5, 42, 0x1p53, -0x1p53 };

	private final Random random;

	RandomKeys(long seed) {
		this.random = new Random(seed);
	}

	KvKey key() {
		Object[] parts = new Object[this.random.nextInt(5)];
		for (int i = 0; i < parts.length; i++) {
			parts[i] = part();
		}
		return KvKey.of(parts);
	}

	Object part() {
		return switch (this.random.nextInt(6)) {
			case 0 -> bytes();
			case 1 -> string();
			case 2 -> bigint();
			case 3 -> number();
			case 4 -> this.random.nextBoolean();
			default -> (this.random.nextBoolean() ? string() : number());
		};
	}

	private byte[] bytes() {
		byte[] b = new byte[this.random.nextInt(6)];
		for (int i = 0; i < b.length; i++) {
			int r = this.random.nextInt(4);
			b[i] = (byte) ((r == 0) ? 0 : (r == 1) ? 0xff : this.random.nextInt(256));
		}
		return b;
	}

	/** Includes lone surrogates (normalized to U+FFFD by KvKey) and pairs. */
	private String string() {
		StringBuilder sb = new StringBuilder();
		int n = this.random.nextInt(6);
		for (int i = 0; i < n; i++) {
			sb.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return sb.toString();
	}

	private BigInteger bigint() {
		int bits = switch (this.random.nextInt(4)) {
			case 0 -> this.random.nextInt(9);
			case 1 -> this.random.nextInt(65);
			case 2 -> 60 + this.random.nextInt(20);
			default -> this.random.nextInt(2041);
		};
		BigInteger v = new BigInteger(bits, this.random);
		return this.random.nextBoolean() ? v.negate() : v;
	}

	private double number() {
		return switch (this.random.nextInt(4)) {
			case 0 -> SPECIAL_DOUBLES[this.random.nextInt(SPECIAL_DOUBLES.length)];
			case 1 -> Double.longBitsToDouble(this.random.nextLong());
			case 2 -> this.random.nextInt(2000) - 1000;
			default -> this.random.nextGaussian() * 1000;
		};
	}

}
