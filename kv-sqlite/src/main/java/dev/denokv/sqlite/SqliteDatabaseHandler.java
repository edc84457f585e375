package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvReadOnlyException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;

/**
 * The SQLite {@link DatabaseHandler}: a local file in Deno's exact format (Deno 2.9 opens our files
 * and we open Deno's), or a private in-memory database.
 * <ul>
 * <li>Reads run on a pool of read-only WAL connections and never wait for the writer; expired keys
 * are never returned.</li>
 * <li>Atomic writes are all-or-nothing (a failing mutation leaves no trace), report every failed
 * check, and concurrent writes share one transaction and one fsync (group commit).</li>
 * <li>Another process (another JVM, or Deno) may use the same file at the same time.</li>
 * <li>Read-only ({@link SqliteOptions#withReadOnly}, or a file this process cannot write): reads
 * and watches work, writes fail with Deno's "Can not write to a read-only database."</li>
 * </ul>
 * Thread-safe. Open with {@link #open(SqliteOptions)}; close to release the file.
 */
public final class SqliteDatabaseHandler implements DatabaseHandler {

	private final SqliteOptions options;

	private final HandlerLimits limits;

	private final SqliteDatabase database;

	private final ExpirySweeper sweeper;

	private final SqliteQueue queue;

	private final SqliteWatcher watcher;

	private final AtomicBoolean closed = new AtomicBoolean();

	private SqliteDatabaseHandler(SqliteOptions options, SqliteDatabase database) {
		this.options = options;
		this.limits = new HandlerLimits(options.limits());
		this.database = database;
		// Read-only: expired rows stay (reads hide them), as nothing may be deleted.
		this.sweeper = database.isReadOnly() ? null
				: new ExpirySweeper(database, options.expirySweepInterval(), Integer.toHexString(hashCode()));
		this.queue = new SqliteQueue(database, options.queue());
		this.watcher = new SqliteWatcher(database, options.watchPollInterval());
		this.watcher.start();
	}

	/** Opens (creating and migrating if needed) the database described by {@code options}. */
	public static SqliteDatabaseHandler open(SqliteOptions options) {
		return new SqliteDatabaseHandler(options, SqliteDatabase.open(options));
	}

	/** Opens a database file with the default options. */
	public static SqliteDatabaseHandler open(Path file) {
		return open(SqliteOptions.file(file));
	}

	/** Opens a private in-memory database with the default options. */
	public static SqliteDatabaseHandler openInMemory() {
		return open(SqliteOptions.inMemory());
	}

	public SqliteOptions options() {
		return this.options;
	}

	/**
	 * The transactions on this database, for components that store their own state in it (queue
	 * delivery, watch) and for tests.
	 */
	public SqliteTransactions transactions() {
		return this.database;
	}

	@Override
	public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
		ensureOpen();
		this.limits.checkReads(ranges);
		if (ranges.isEmpty()) {
			return List.of();
		}
		return SnapshotReader.read(this.database, ranges);
	}

	@Override
	public CommitResult atomicWrite(AtomicWrite write) {
		ensureOpen();
		this.limits.checkWrite(write, System.currentTimeMillis());
		return this.database.writeSession(new AtomicWriteTask(write));
	}

	/** Joins the group commit like {@link #atomicWrite}, without a thread waiting for it. */
	@Override
	public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
		try {
			ensureOpen();
			this.limits.checkWrite(write, System.currentTimeMillis());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.database.submitSession(new AtomicWriteTask(write));
	}

	@Override
	public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
		ensureOpen();
		if (this.database.isReadOnly()) {
			// Taking a message moves it to queue_running: a write. Listeners stop on this exception.
			throw new UnsupportedOperationException("A read-only database cannot deliver queue messages");
		}
		// Started on first use: a database nobody consumes from needs no queue thread.
		this.queue.start();
		return this.queue.next(timeout);
	}

	@Override
	public WatchStream watch(List<byte[]> keys) {
		ensureOpen();
		this.limits.checkWatch(keys);
		return this.watcher.watch(keys);
	}

	@Override
	public String backendName() {
		return "sqlite";
	}

	/** Deletes expired rows now instead of at the next sweep; returns how many were deleted. */
	public int sweepExpired() {
		ensureOpen();
		if (this.sweeper == null) {
			throw new KvReadOnlyException();
		}
		return this.sweeper.sweep();
	}

	/** Whether the database was opened read-only (asked for, or a file this process cannot write). */
	public boolean isReadOnly() {
		return this.database.isReadOnly();
	}

	private void ensureOpen() {
		if (this.closed.get()) {
			throw new KvClosedException("The database handler is closed");
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.queue.close();
			this.watcher.close();
			if (this.sweeper != null) {
				this.sweeper.close();
			}
			this.database.close();
		}
	}

	@Override
	public String toString() {
		return "SqliteDatabaseHandler[" + this.options.path() + "]";
	}

}
