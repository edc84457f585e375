package dev.denokv.handler;

/**
 * A queue message handed to one consumer. Exactly one of {@link #finish(boolean)} or
 * {@link #release()} must be called once handling ends; a message that is never finished is
 * redelivered after its deadline (at-least-once delivery).
 */
public interface QueueMessage {

	/** The V8-serialized payload as it was enqueued. */
	byte[] payload();

	/**
	 * Ends this delivery. On success the message is removed; on failure it is retried after the
	 * next backoff interval, or written to its {@code keysIfUndelivered} keys when none is left.
	 */
	void finish(boolean success);

	/**
	 * Gives the message back for redelivery without counting a failed attempt, for a consumer that
	 * stops before it could handle the message (its handler was interrupted at shutdown): the
	 * message keeps its whole remaining backoff schedule. The default does nothing, which leaves
	 * the message to the backend's lease expiry.
	 */
	default void release() {
	}

}
