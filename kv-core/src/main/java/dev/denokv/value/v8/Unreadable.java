package dev.denokv.value.v8;

/**
 * Signals a part {@link V8Reader} cannot interpret (a valid value it has no model for); the whole
 * value then becomes a {@link dev.denokv.value.js.JsOpaque} that keeps the bytes. Malformed input
 * is a {@link V8DecodeException} instead. No stack trace: it is control flow, not a bug.
 */
final class Unreadable extends RuntimeException {

	/** Where the uninterpretable part starts, relative to the start of the value's bytes. */
	final int offset;

	Unreadable(int offset, String reason) {
		super(reason, null, false, false);
		this.offset = offset;
	}

	/** For a tag with no model; {@code offset} is where the tag byte is. */
	static Unreadable ofTag(int tag, int offset) {
		String what = switch (tag) {
			case 'u' -> "SharedArrayBuffer (tag 'u')";
			case 't' -> "transferred ArrayBuffer (tag 't')";
			case 'p' -> "shared object (tag 'p')";
			case 'w' -> "WebAssembly module (tag 'w')";
			case 'm' -> "WebAssembly memory (tag 'm')";
			default -> String.format("unknown tag 0x%02x", tag);
		};
		return new Unreadable(offset, what);
	}

}
