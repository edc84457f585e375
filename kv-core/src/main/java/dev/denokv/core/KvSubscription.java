package dev.denokv.core;

/**
 * A running background activity started by {@link KvOperations}: a watch or a queue listener.
 * Cancelling is idempotent and thread-safe. {@link KvOperations#close()} cancels every
 * subscription it started.
 */
public interface KvSubscription extends AutoCloseable {

	/** Whether it is still running. */
	boolean isActive();

	/**
	 * Stops it. A watch stops delivering at once; a queue listener stops taking messages and waits
	 * (up to its shutdown timeout) for the messages it is handling.
	 */
	void cancel();

	/** Same as {@link #cancel()}, for try-with-resources. */
	@Override
	default void close() {
		cancel();
	}

}
