package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.denokv.core.KvLimits;

/**
 * How to open a {@link SqliteDatabaseHandler}. Start from {@link #file(Path)}, {@link #of(String)} or
 * {@link #inMemory()} and adjust with the {@code with...} methods:
 * <pre>{@code
 * SqliteOptions.file(Path.of("app.sqlite3")).withSynchronous(Synchronous.NORMAL)
 * }</pre>
 *
 * @param path the database file, or {@value #MEMORY} for a private in-memory database
 * @param synchronous durability of commits; {@link Synchronous#FULL} like Deno by default
 * @param busyTimeout how long SQLite waits for a lock held by another process before our own retry
 * loop takes over (the error never reaches callers)
 * @param readerPoolSize maximum number of read connections (reads never wait for the writer, but
 * wait for a free read connection when more threads than this read at once)
 * @param expirySweepInterval how often to look for expired keys to delete (expired keys are hidden
 * from reads at once; this only frees their space and notifies watchers)
 * @param queue timing of queue delivery (lease, poll for other processes' messages, cleanup)
 * @param watchPollInterval how often watches look for changes made by other processes (changes
 * made through this handler wake them at once)
 * @param mmapSize how many bytes of the database file each connection reads through a memory map
 * (SQLite's {@code mmap_size}) instead of copying pages in with {@code read()}; a per-connection
 * setting, not stored in the file. The mapping is the operating system's page cache, shared by all
 * connections and costing no heap, and it makes point reads about a fifth faster. {@code 0} turns
 * it off (SQLite's default), for example on file systems where mapping is unreliable: an I/O error
 * on a mapped page cannot be reported as an error. Default {@value #DEFAULT_MMAP_SIZE} bytes (256 MiB).
 * @param readOnly open the file for reads only, as Deno does for a file it cannot write: no
 * migration, no WAL switch, no expiry sweeper and no queue delivery; writes fail with Deno's
 * "Can not write to a read-only database." Another process may write the file meanwhile (watches
 * see it). A file this process cannot write is opened read-only anyway. Not for {@value #MEMORY}.
 * @param limits the request limits the handler checks every read, write and watch against, with
 * Deno's messages; {@link KvLimits#deno()} by default. A template checks its own limits first, so
 * raising a limit takes raising it in both; under a KV Connect server use
 * {@link KvLimits#kvConnectBackend()}, which never rejects what the server accepted. Received
 * enqueue deadlines are judged by this machine's clock, allowing {@link KvLimits#maxClockSkew()}
 * for a sender whose clock runs ahead.
 */
public record SqliteOptions(String path, Synchronous synchronous, Duration busyTimeout, int readerPoolSize,
		Duration expirySweepInterval, SqliteQueueSettings queue, Duration watchPollInterval, long mmapSize,
		boolean readOnly, KvLimits limits) {

	/** The path that selects a private in-memory database, as in Deno. */
	public static final String MEMORY = ":memory:";

	/** The default {@link #mmapSize}: 256 MiB. */
	public static final long DEFAULT_MMAP_SIZE = 256L * 1024 * 1024;

	public SqliteOptions {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(synchronous, "synchronous");
		Objects.requireNonNull(busyTimeout, "busyTimeout");
		Objects.requireNonNull(expirySweepInterval, "expirySweepInterval");
		Objects.requireNonNull(queue, "queue");
		Objects.requireNonNull(watchPollInterval, "watchPollInterval");
		Objects.requireNonNull(limits, "limits");
		if (path.isEmpty()) {
			throw new IllegalArgumentException("path must not be empty");
		}
		if (readerPoolSize < 1) {
			throw new IllegalArgumentException("readerPoolSize must be at least 1");
		}
		if (mmapSize < 0) {
			throw new IllegalArgumentException("mmapSize must be >= 0");
		}
		if (busyTimeout.isNegative() || !isPositive(expirySweepInterval) || !isPositive(watchPollInterval)) {
			throw new IllegalArgumentException("busyTimeout must be >= 0, expirySweepInterval and watchPollInterval > 0");
		}
		if (readOnly && MEMORY.equals(path)) {
			throw new IllegalArgumentException("An in-memory database cannot be read-only: it starts empty");
		}
	}

	/** The options with Deno's limits, as before the limits could be changed. */
	public SqliteOptions(String path, Synchronous synchronous, Duration busyTimeout, int readerPoolSize,
			Duration expirySweepInterval, SqliteQueueSettings queue, Duration watchPollInterval, long mmapSize,
			boolean readOnly) {
		this(path, synchronous, busyTimeout, readerPoolSize, expirySweepInterval, queue, watchPollInterval, mmapSize,
				readOnly, KvLimits.deno());
	}

	/** The options without {@code readOnly} (read-write), as before read-only mode existed. */
	public SqliteOptions(String path, Synchronous synchronous, Duration busyTimeout, int readerPoolSize,
			Duration expirySweepInterval, SqliteQueueSettings queue, Duration watchPollInterval, long mmapSize) {
		this(path, synchronous, busyTimeout, readerPoolSize, expirySweepInterval, queue, watchPollInterval, mmapSize,
				false);
	}

	/** Defaults for a database file (or {@value #MEMORY}). */
	public static SqliteOptions of(String path) {
		int readers = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
		return new SqliteOptions(path, Synchronous.FULL, Duration.ofSeconds(5), readers, Duration.ofSeconds(1),
				SqliteQueueSettings.DEFAULTS, SqliteWatcher.DEFAULT_POLL_INTERVAL, DEFAULT_MMAP_SIZE, false,
				KvLimits.deno());
	}

	/** Defaults for a database file. */
	public static SqliteOptions file(Path path) {
		return of(path.toString());
	}

	/** Defaults for a private in-memory database (gone when the handler closes). */
	public static SqliteOptions inMemory() {
		return of(MEMORY);
	}

	public SqliteOptions withSynchronous(Synchronous synchronous) {
		return new SqliteOptions(this.path, synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withBusyTimeout(Duration busyTimeout) {
		return new SqliteOptions(this.path, this.synchronous, busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withReaderPoolSize(int readerPoolSize) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withExpirySweepInterval(Duration expirySweepInterval) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withQueue(SqliteQueueSettings queue) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, queue, this.watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withWatchPollInterval(Duration watchPollInterval) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, watchPollInterval, this.mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withMmapSize(long mmapSize) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, mmapSize, this.readOnly, this.limits);
	}

	public SqliteOptions withReadOnly(boolean readOnly) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, readOnly, this.limits);
	}

	/** The limits the handler checks requests against; see {@link #limits()}. */
	public SqliteOptions withLimits(KvLimits limits) {
		return new SqliteOptions(this.path, this.synchronous, this.busyTimeout, this.readerPoolSize,
				this.expirySweepInterval, this.queue, this.watchPollInterval, this.mmapSize, this.readOnly, limits);
	}

	private static boolean isPositive(Duration d) {
		return !d.isNegative() && !d.isZero();
	}

	/** Whether this is a private in-memory database. */
	public boolean isInMemory() {
		return MEMORY.equals(this.path);
	}

}
