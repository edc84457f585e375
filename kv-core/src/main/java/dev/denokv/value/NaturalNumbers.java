package dev.denokv.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact conversions of JS numbers (doubles), bigints and numeric map keys to Java's numeric types,
 * for {@link NaturalTypeConverter}. A value that the target cannot hold is a
 * {@link KvValueMappingException}, never a silently different number; the one rounding allowed is
 * double to {@code float}, as {@code 0.1} has no exact float and refusing it would make
 * {@code float} fields useless.
 */
final class NaturalNumbers {

	private NaturalNumbers() {
	}

	/** A JS number as {@code type} (a boxed numeric type, {@code Number}, {@code BigInteger} or {@code BigDecimal}). */
	static Object of(double d, Class<?> type) {
		if (type == Double.class || type == Number.class) {
			return d;
		}
		if (type == Float.class) {
			float f = (float) d;
			// Rounding is fine; overflowing a finite number into an infinity is not.
			if (Float.isInfinite(f) && !Double.isInfinite(d)) {
				throw cannotRead(d, type);
			}
			return f;
		}
		if (Double.isNaN(d) || Double.isInfinite(d)) {
			// BigDecimal and the integral types have no NaN or infinity.
			throw cannotRead(d, type);
		}
		if (type == BigDecimal.class) {
			return BigDecimal.valueOf(d);
		}
		if (d != Math.rint(d) || Math.abs(d) > 0x1p63) {
			throw cannotRead(d, type);
		}
		return of(BigDecimal.valueOf(d).toBigIntegerExact(), type);
	}

	/** A bigint (or an integral number) as {@code type}, exactly. */
	static Object of(BigInteger big, Class<?> type) {
		try {
			if (type == Long.class) {
				return big.longValueExact();
			}
			if (type == Integer.class) {
				return big.intValueExact();
			}
			if (type == Short.class) {
				return big.shortValueExact();
			}
			if (type == Byte.class) {
				return big.byteValueExact();
			}
		}
		catch (ArithmeticException ex) {
			throw new KvValueMappingException("The number " + big + " does not fit in a " + type.getSimpleName());
		}
		if (type == BigInteger.class || type == Number.class) {
			return big;
		}
		if (type == BigDecimal.class) {
			return new BigDecimal(big);
		}
		if (type == Double.class) {
			double d = big.doubleValue();
			// An infinite double has no BigDecimal; a finite one must be the bigint itself.
			if (Double.isInfinite(d) || new BigDecimal(big).compareTo(new BigDecimal(d)) != 0) {
				throw new KvValueMappingException("The bigint " + big + " is not exactly representable as a Double");
			}
			return d;
		}
		throw new KvValueMappingException("Cannot read a number into a " + type.getSimpleName());
	}

	/**
	 * A property key (JS object keys are strings, "1" for the number 1) as the numeric key type of a
	 * map: integral types take an integer written in decimal, the others any decimal number,
	 * {@code NaN} or {@code Infinity} (as JS writes them).
	 */
	static Object ofKey(String key, Class<?> type) {
		boolean integral = type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class;
		try {
			if (integral) {
				return of(new BigInteger(key), type);
			}
			switch (key) {
				case "NaN":
					return of(Double.NaN, type);
				case "Infinity":
					return of(Double.POSITIVE_INFINITY, type);
				case "-Infinity":
					return of(Double.NEGATIVE_INFINITY, type);
				default:
			}
			// Through BigDecimal: Double.parseDouble would also take " 1", "1d" and "0x1p0".
			BigDecimal decimal = new BigDecimal(key);
			if (type == BigDecimal.class) {
				return decimal;
			}
			double d = decimal.doubleValue();
			if (Double.isInfinite(d)) {
				throw new KvValueMappingException("The key '" + key + "' is beyond the range of a " + type.getSimpleName());
			}
			return of(d, type);
		}
		catch (NumberFormatException ex) {
			throw new KvValueMappingException("Cannot read the key '" + key + "' into a " + type.getSimpleName());
		}
	}

	private static KvValueMappingException cannotRead(double d, Class<?> type) {
		return new KvValueMappingException("Cannot read the number " + d + " into a " + type.getSimpleName());
	}

}
