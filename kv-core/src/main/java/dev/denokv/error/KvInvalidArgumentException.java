package dev.denokv.error;

/**
 * Bad input rejected before any I/O: an invalid key, selector, cursor, value, option, or a
 * request over one of Deno's limits. The message is the one Deno throws for the same input
 * (for example {@code "Key too large for write (max 2048 bytes)"}).
 */
public class KvInvalidArgumentException extends KvException {

	public KvInvalidArgumentException(String message) {
		super(message);
	}

	public KvInvalidArgumentException(String message, Throwable cause) {
		super(message, cause);
	}

}
