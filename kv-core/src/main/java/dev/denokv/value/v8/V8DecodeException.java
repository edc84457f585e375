package dev.denokv.value.v8;

import dev.denokv.error.KvException;

/**
 * Stored bytes that are not a valid V8-serialized value: a bad header or version, a truncated or
 * inconsistent structure, or nesting beyond {@link V8Reader#MAX_DEPTH}. The message says where.
 */
public class V8DecodeException extends KvException {

	public V8DecodeException(String message) {
		super(message);
	}

}
