package dev.denokv.value.v8;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The serialized value would exceed the writer's size limit. The message is Deno's for a stored
 * value; callers writing a queue payload replace it with Deno's enqueue message.
 */
public class V8ValueTooLargeException extends KvInvalidArgumentException {

	private final int limit;

	public V8ValueTooLargeException(int limit) {
		super("Value too large (max " + limit + " bytes)");
		this.limit = limit;
	}

	public int limit() {
		return this.limit;
	}

}
