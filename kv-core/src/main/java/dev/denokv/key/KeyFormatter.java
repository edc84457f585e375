package dev.denokv.key;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints keys like {@code Deno.inspect} does: {@code [ "users", 42, 1n, true ]}, strings quoted
 * with control characters escaped, numbers in JS notation, bytes as
 * {@code Uint8Array(3) [ 1, 2, 3 ]} (the first {@value #MAX_BYTES_SHOWN} bytes, then
 * {@code ... n more items}).
 */
final class KeyFormatter {

	static final int MAX_BYTES_SHOWN = 20;

	private static final char[] QUOTES = { '"', '\'', '`' };

	private KeyFormatter() {
	}

	static String format(Object[] parts) {
		if (parts.length == 0) {
			return "[]";
		}
		StringBuilder sb = new StringBuilder("[ ");
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				sb.append(", ");
			}
			appendPart(sb, parts[i]);
		}
		return sb.append(" ]").toString();
	}

	private static void appendPart(StringBuilder sb, Object part) {
		if (part instanceof String s) {
			appendString(sb, s);
		}
		else if (part instanceof byte[] b) {
			appendBytes(sb, b);
		}
		else if (part instanceof BigInteger big) {
			sb.append(big).append('n');
		}
		else if (part instanceof Double d) {
			sb.append(jsNumber(d));
		}
		else {
			sb.append(part);
		}
	}

	private static void appendBytes(StringBuilder sb, byte[] b) {
		sb.append("Uint8Array(").append(b.length).append(") [");
		if (b.length == 0) {
			sb.append(']');
			return;
		}
		sb.append(' ');
		int shown = Math.min(b.length, MAX_BYTES_SHOWN);
		for (int i = 0; i < shown; i++) {
			if (i > 0) {
				sb.append(", ");
			}
			sb.append(b[i] & 0xff);
		}
		if (b.length > shown) {
			sb.append(", ... ").append(b.length - shown).append(" more items");
		}
		sb.append(" ]");
	}

	/** Deno's quoting: the first quote character not in the string, escapes for control characters. */
	private static void appendString(StringBuilder sb, String s) {
		char quote = QUOTES[0];
		for (char q : QUOTES) {
			if (s.indexOf(q) < 0) {
				quote = q;
				break;
			}
		}
		sb.append(quote);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '\b' -> sb.append("\\b");
				case '\f' -> sb.append("\\f");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				case '\u000b' -> sb.append("\\v");
				default -> {
					if (c == quote || c == '\\') {
						sb.append('\\').append(c);
					}
					else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
						sb.append(String.format("\\x%02x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		sb.append(quote);
	}

	/** JS {@code Number.prototype.toString()} (ECMA-262 Number::toString), with {@code -0} shown as Deno shows it. */
	static String jsNumber(double d) {
		if (Double.isNaN(d)) {
			return "NaN";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "Infinity" : "-Infinity";
		}
		if (d == 0) {
			return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
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
