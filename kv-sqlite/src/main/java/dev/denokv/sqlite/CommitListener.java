package dev.denokv.sqlite;

/**
 * Told after a write transaction commits in this process, so that watchers and queue consumers
 * wake up at once instead of at their next poll. Called on the committing thread: be quick.
 */
@FunctionalInterface
public interface CommitListener {

	/**
	 * @param version the {@code data_version} counter after the commit
	 * @param enqueued whether the commit added or re-queued queue messages
	 */
	void committed(long version, boolean enqueued);

}
