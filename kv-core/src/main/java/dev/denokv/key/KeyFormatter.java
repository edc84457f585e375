package dev.denokv.key;

import java.math.BigInteger;

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
			// Deno.inspect shows -0, which Number::toString writes as 0.
			sb.append((Double.doubleToRawLongBits(d) == Long.MIN_VALUE) ? "-0" : JsNumberFormat.format(d));
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

}
