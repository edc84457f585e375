package dev.denokv.key;

import java.util.Base64;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The cursor text of Deno's list iterators: URL-safe Base64 <em>with</em> {@code =} padding
 * (Rust {@code base64::BASE64_URL_SAFE}), whose decoder requires canonical padding and zero
 * trailing bits. Java's own decoder is more lenient, so the strictness is checked here.
 */
final class ListCursor {

	static final String INVALID_CURSOR = "invalid cursor";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private ListCursor() {
	}

	static String encode(byte[] bytes) {
		return ENCODER.encodeToString(bytes);
	}

	/** Decodes a cursor; anything Rust's strict decoder refuses is {@code "invalid cursor"}. */
	static byte[] decode(String cursor) {
		if (cursor.length() % 4 != 0) {
			throw new KvInvalidArgumentException(INVALID_CURSOR);
		}
		byte[] bytes;
		try {
			bytes = DECODER.decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw new KvInvalidArgumentException(INVALID_CURSOR, ex);
		}
		// Round trip rejects non-zero trailing bits and any other non-canonical spelling.
		if (!ENCODER.encodeToString(bytes).equals(cursor)) {
			throw new KvInvalidArgumentException(INVALID_CURSOR);
		}
		return bytes;
	}

}
