package dev.denokv.sqlite;

/**
 * How the parts of the SQLite backend (atomic writes, queue, watch, expiry) run transactions on the
 * shared file. Implemented by the backend's connection manager.
 * <ul>
 * <li>{@link #write} runs {@code work} in one write transaction on the writer connection, committed
 * with the configured durability. {@code SQLITE_BUSY} (another process holds the lock) is retried
 * transparently by re-running {@code work}, so {@code work} must be repeatable and have no effects
 * outside the connection. An exception thrown by {@code work} rolls the transaction back and is
 * rethrown.</li>
 * <li>{@link #read} runs {@code work} in one read transaction on a reader connection (WAL snapshot);
 * it never waits for the writer.</li>
 * </ul>
 * After a write transaction that changed {@code data_version} commits, the implementation calls
 * every registered {@link CommitListener}.
 */
public interface SqliteTransactions {

	<T> T write(SqlWork<T> work);

	<T> T read(SqlWork<T> work);

	void addCommitListener(CommitListener listener);

}
