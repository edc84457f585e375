package dev.denokv.key;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as JavaScript writes them, where Java's {@code Double.toString} differs ({@code 1.0E20}
 * for {@code 100000000000000000000}, {@code 1.0E-4} for {@code 0.0001}): for printing keys as
 * Deno does, and for V8 property keys written as numbers, which JS turns into these strings.
 */
public final class JsNumberFormat {

	private JsNumberFormat() {
	}

	/**
	 * JS {@code Number.prototype.toString()} of {@code d} (ECMA-262 Number::toString, radix 10):
	 * {@code 1e+21}, {@code 100000000000000000000}, {@code 0.0001}, {@code 1e-7}, {@code 0} for
	 * both zeros.
	 */
	public static String format(double d) {
		if (Double.isNaN(d)) {
			return "NaN";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "Infinity" : "-Infinity";
		}
		if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
			// Whole numbers (array indices, counters, both zeros) without the general search: JS
			// writes every one below 2^53 as its plain digits.
			return Long.toString((long) d);
		}
		String sign = (d < 0) ? "-" : "";
		BigDecimal shortest = shortestRoundTrip(Math.abs(d));
		String digits = shortest.unscaledValue().toString();
		int k = digits.length();
		// value = digits × 10^(n − k)
		int n = k - shortest.scale();
		StringBuilder sb = new StringBuilder(sign);
		if (k <= n && n <= 21) {
			sb.append(digits).append("0".repeat(n - k));
		}
		else if (0 < n && n <= 21) {
			sb.append(digits, 0, n).append('.').append(digits, n, k);
		}
		else if (-6 < n && n <= 0) {
			sb.append("0.").append("0".repeat(-n)).append(digits);
		}
		else {
			sb.append(digits.charAt(0));
			if (k > 1) {
				sb.append('.').append(digits, 1, k);
			}
			int e = n - 1;
			sb.append('e').append((e >= 0) ? '+' : '-').append(Math.abs(e));
		}
		return sb.toString();
	}

	/**
	 * The shortest decimal that reads back as {@code d}, nearest to {@code d} among those of that
	 * length (what JS prints). Done with BigDecimal because Java 17's {@code Double.toString} is not
	 * always shortest.
	 */
	private static BigDecimal shortestRoundTrip(double d) {
		BigDecimal exact = new BigDecimal(d);
		for (int precision = 1; precision < 17; precision++) {
			BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (candidate.doubleValue() == d) {
				return candidate.stripTrailingZeros();
			}
		}
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
	}

}
