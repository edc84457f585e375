package dev.denokv.remote;

import dev.denokv.error.KvBackendException;

/**
 * A KV Connect request failed: the server answered with an error status, sent a response that is
 * not valid KV Connect, or could not be reached before the retry deadline. The message carries the
 * server's own text where it sent one.
 */
public class KvRemoteException extends KvBackendException {

	/** {@link #status()} when no HTTP response was received. */
	public static final int NO_STATUS = 0;

	private final int status;

	private final boolean transientFailure;

	/**
	 * @param status the HTTP status of the failing response, or {@link #NO_STATUS}
	 * @param transientFailure whether trying again later may succeed (network errors, 5xx)
	 */
	public KvRemoteException(String message, int status, boolean transientFailure, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.transientFailure = transientFailure;
	}

	public KvRemoteException(String message, int status, boolean transientFailure) {
		this(message, status, transientFailure, null);
	}

	/** The HTTP status of the failing response, or {@link #NO_STATUS} if there was none. */
	public int status() {
		return this.status;
	}

	/**
	 * Whether the failure may go away by itself (network error, timeout, 5xx), so the client
	 * retries it; 4xx responses and malformed answers are permanent.
	 */
	public boolean isTransient() {
		return this.transientFailure;
	}

}
