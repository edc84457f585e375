package dev.denokv.value.js;

import java.util.Objects;

/**
 * A JavaScript regular expression: its {@code source} (the pattern text as JS escapes it) and its
 * {@code flags} string (for example {@code "gi"}), in the alphabetical order JS reports them.
 *
 * @param source the pattern text
 * @param flags any of {@code d g i m s u v y}, each at most once, not both {@code u} and {@code v}
 */
public record JsRegExp(String source, String flags) {

	/** The flag letters V8 knows, in the order of their serialized bits (g=1 ... v=256). */
	private static final String FLAG_BITS = "gimyusldv";

	private static final int LINEAR = 1 << FLAG_BITS.indexOf('l');

	private static final int UNICODE = 1 << FLAG_BITS.indexOf('u');

	private static final int UNICODE_SETS = 1 << FLAG_BITS.indexOf('v');

	/**
	 * Checks the flags as JS would; an invalid set is an {@link IllegalArgumentException}.
	 */
	public JsRegExp {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(flags, "flags");
		checkedBits(flags);
	}

	/** The flags as V8's bit mask. */
	public int flagBits() {
		return checkedBits(this.flags);
	}

	private static int checkedBits(String flags) {
		int bits = 0;
		for (int i = 0; i < flags.length(); i++) {
			int index = FLAG_BITS.indexOf(flags.charAt(i));
			if (index < 0 || (bits & (1 << index)) != 0) {
				throw invalid(flags, "unknown or repeated flag '" + flags.charAt(i) + "'");
			}
			bits |= 1 << index;
		}
		// V8 has a bit for 'l' (its experimental linear engine), but Deno runs without that engine
		// and refuses to deserialize such a RegExp, which would make the whole stored value unreadable.
		// 'u' with 'v' is a SyntaxError in JS itself.
		if ((bits & LINEAR) != 0) {
			throw invalid(flags, "'l' (V8's experimental linear engine) is refused by Deno");
		}
		if ((bits & (UNICODE | UNICODE_SETS)) == (UNICODE | UNICODE_SETS)) {
			throw invalid(flags, "'u' and 'v' exclude each other");
		}
		return bits;
	}

	private static IllegalArgumentException invalid(String flags, String reason) {
		return new IllegalArgumentException("Invalid regular expression flags '" + flags + "': " + reason);
	}

	/**
	 * The flags string for V8's bit mask, in JS order ({@code "dgilmsuvy"}); it may name flags the
	 * constructor refuses ({@code l}, {@code u} with {@code v}).
	 */
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
