package dev.denokv.error;

/**
 * Root of the Deno KV exception hierarchy. All exceptions are unchecked, like Spring's
 * {@code DataAccessException}; the message is Deno's own wherever Deno has one.
 */
public class KvException extends RuntimeException {

	public KvException(String message) {
		super(message);
	}

	public KvException(String message, Throwable cause) {
		super(message, cause);
	}

}
