package dev.denokv.key;

import java.math.BigInteger;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * Turns the Java objects a caller passes as key parts into the five normalized part types
 * ({@code String}, {@code byte[]}, {@code BigInteger}, {@code Double}, {@code Boolean}) the way
 * Deno turns JS values into key parts, so that a Java key finds what Deno wrote under the "same" key.
 */
final class KeyParts {

	/** Deno's message for any value that is not a valid key part (including {@code undefined}/{@code null}). */
	static final String UNSUPPORTED_PART = "expected string, number, bigint, ArrayBufferView, boolean";

	/** Deno's (num-bigint's) message for a bigint whose magnitude needs more than 255 bytes. */
	static final String BIGINT_TOO_LARGE = "BigUint requires more than 255 bytes to be represented";

	static final int MAX_BIGINT_BYTES = 255;

	private static final long CANONICAL_NAN_POS = 0x7ff8000000000000L;

	private static final long CANONICAL_NAN_NEG = 0xfff8000000000000L;

	/** 2^63 as a double: the only double that a long-to-double cast produces without any long being equal to it. */
	private static final double TWO_POW_63 = 0x1p63;

	private KeyParts() {
	}

	/**
	 * Normalizes one part. Byte arrays are copied so the key never shares mutable state with the
	 * caller.
	 * @throws KvInvalidArgumentException for {@code null}, unsupported types, bigints over 255
	 * bytes and longs a double cannot hold exactly
	 */
	static Object normalize(Object part) {
		if (part instanceof String s) {
			return wellFormed(s);
		}
		if (part instanceof byte[] b) {
			return b.clone();
		}
		if (part instanceof Double d) {
			return number(d);
		}
		if (part instanceof Boolean) {
			return part;
		}
		if (part instanceof BigInteger big) {
			return bigint(big);
		}
		if (part instanceof Long l) {
			return number(l.longValue());
		}
		if (part instanceof Integer || part instanceof Short || part instanceof Byte) {
			// JS numbers: ["users", 42] in Deno is a float part, never an integer part.
			return number(((Number) part).doubleValue());
		}
		if (part instanceof Float f) {
			return number(f.doubleValue());
		}
		throw new KvInvalidArgumentException(UNSUPPORTED_PART);
	}

	/** A number part; NaN is canonicalized (keeping its sign bit, as Deno's codec does), -0.0 kept. */
	static Double number(double value) {
		if (Double.isNaN(value)) {
			long bits = Double.doubleToRawLongBits(value);
			return Double.longBitsToDouble((bits < 0) ? CANONICAL_NAN_NEG : CANONICAL_NAN_POS);
		}
		return value;
	}

	/** A number part from a long, which must be exactly representable as a double (JS number). */
	static Double number(long value) {
		double d = value;
		// (long) 2^63 saturates to Long.MAX_VALUE, so that one double must be excluded explicitly.
		if (d == TWO_POW_63 || (long) d != value) {
			throw new KvInvalidArgumentException("Key part " + value
					+ " cannot be represented exactly as a JS number (double); use KvKey.bigint(" + value
					+ ") for a bigint part");
		}
		return d;
	}

	static BigInteger bigint(BigInteger value) {
		if (value == null) {
			throw new KvInvalidArgumentException(UNSUPPORTED_PART);
		}
		if (magnitudeBytes(value) > MAX_BIGINT_BYTES) {
			throw new KvInvalidArgumentException(BIGINT_TOO_LARGE);
		}
		return value;
	}

	static int magnitudeBytes(BigInteger value) {
		return (value.abs().bitLength() + 7) / 8;
	}

	/**
	 * Replaces lone UTF-16 surrogates with U+FFFD, as V8 does when Deno converts a JS string to
	 * UTF-8. Java's own UTF-8 encoder would write {@code '?'} instead and miss Deno's key.
	 */
	static String wellFormed(String s) {
		int n = s.length();
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
					i++;
					continue;
				}
				return replaceLoneSurrogates(s);
			}
		}
		return s;
	}

	private static String replaceLoneSurrogates(String s) {
		StringBuilder sb = new StringBuilder(s.length());
		int n = s.length();
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
				sb.append(c).append(s.charAt(++i));
			}
			else {
				sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
			}
		}
		return sb.toString();
	}

}
