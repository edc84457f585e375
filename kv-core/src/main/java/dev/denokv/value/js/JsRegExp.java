package dev.denokv.value.js;

import java.util.Objects;

/**
 * A JavaScript regular expression: its {@code source} (the pattern text as JS escapes it) and its
 * {@code flags} string (for example {@code "gi"}), in the alphabetical order JS reports them.
 *
 * @param source the pattern text
 * @param flags any of {@code d g i l m s u v y}
 */
public record JsRegExp(String source, String flags) {

	/** The flag letters V8 knows, in the order of their serialized bits (g=1 ... v=256). */
	private static final String FLAG_BITS = "gimyusldv";

	public JsRegExp {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(flags, "flags");
	}

	/** The flags as V8's bit mask; an unknown or repeated flag is an {@link IllegalArgumentException}. */
	public int flagBits() {
		int bits = 0;
		for (int i = 0; i < this.flags.length(); i++) {
			int index = FLAG_BITS.indexOf(this.flags.charAt(i));
			if (index < 0 || (bits & (1 << index)) != 0) {
				throw new IllegalArgumentException("Invalid regular expression flags '" + this.flags + "'");
			}
			bits |= 1 << index;
		}
		return bits;
	}

	/** The flags string for V8's bit mask, in JS order ({@code "dgilmsuvy"}). */
	public static String flagsOf(int bits) {
		StringBuilder sb = new StringBuilder(9);
		for (char c : "dgilmsuvy".toCharArray()) {
			if ((bits & (1 << FLAG_BITS.indexOf(c))) != 0) {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return "/" + this.source + "/" + this.flags;
	}

}
