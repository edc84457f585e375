package dev.denokv.error;

/**
 * The storage backend failed: an SQLite error, a network failure after all retries, or an error
 * reported by a KV Connect server.
 */
public class KvBackendException extends KvException {

	public KvBackendException(String message) {
		super(message);
	}

	public KvBackendException(String message, Throwable cause) {
		super(message, cause);
	}

}
