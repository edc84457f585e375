package dev.denokv.sqlite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.WatchStream;

/**
 * Watch for the SQLite backend (kv-format.md §6.9). Unlike Deno, it sees changes made by other
 * processes on the same file: one shared poller reads the {@code data_version} counter, which every
 * commit by any process moves, and re-reads only the watches whose snapshot is stale. Commits in
 * this process wake the poller at once ({@link CommitListener}); an entry whose expiry passes
 * triggers a re-read too, so a watch reports expiry without waiting for the sweeper.
 * <p>
 * A watch emits its current state first, then a snapshot whenever a watched entry changed
 * (changes in between may be collapsed). The poller thread exists only while at least one watch
 * is open. Thread-safe.
 */
public final class SqliteWatcher implements AutoCloseable {

	/** Default poll of {@code data_version} for changes by other processes. */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(SqliteWatcher.class);

	private final SqliteTransactions tx;

	private final long pollMillis;

	private final Set<SqliteWatchStream> streams = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor scheduler = DaemonScheduler.create("denokv-sqlite-watch");

	private final Object pollingLock = new Object();

	/** The periodic poll, present while watches are open; guarded by {@link #pollingLock}. */
	private ScheduledFuture<?> polling;

	private final AtomicBoolean wakePending = new AtomicBoolean();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closed;

	public SqliteWatcher(SqliteTransactions tx) {
		this(tx, DEFAULT_POLL_INTERVAL);
	}

	public SqliteWatcher(SqliteTransactions tx, Duration pollInterval) {
		this.tx = tx;
		this.pollMillis = Math.max(1, pollInterval.toMillis());
	}

	/** Listens to commits in this process so that watches see them at once. Idempotent. */
	public void start() {
		if (this.started.compareAndSet(false, true)) {
			this.tx.addCommitListener((version, enqueued) -> wakeNow());
		}
	}

	/**
	 * Watches up to {@value DatabaseHandler#MAX_WATCH_KEYS} encoded keys. The returned stream
	 * already holds the current state.
	 */
	public WatchStream watch(List<byte[]> keys) {
		if (keys.size() > DatabaseHandler.MAX_WATCH_KEYS) {
			throw new KvInvalidArgumentException("Too many keys (max " + DatabaseHandler.MAX_WATCH_KEYS + ")");
		}
		ensureOpen();
		List<byte[]> copy = keys.stream().map(byte[]::clone).toList();
		WatchSnapshot initial = this.tx.read((c) -> WatchSnapshot.read(c, copy, WatchSnapshot.dataVersion(c),
				System.currentTimeMillis()));
		SqliteWatchStream stream = new SqliteWatchStream(this, copy, initial);
		this.streams.add(stream);
		try {
			synchronized (this.pollingLock) {
				if (this.closed) {
					throw new RejectedExecutionException();
				}
				if (this.polling == null) {
					this.polling = this.scheduler.scheduleWithFixedDelay(this::pollSafely, this.pollMillis,
							this.pollMillis, TimeUnit.MILLISECONDS);
				}
			}
		}
		catch (RejectedExecutionException ex) {
			stream.close();
			throw closedException();
		}
		return stream;
	}

	/** Ends every watch stream and stops the poller. Idempotent. */
	@Override
	public void close() {
		this.closed = true;
		for (SqliteWatchStream stream : this.streams) {
			stream.markClosed();
		}
		this.streams.clear();
		DaemonScheduler.shutdown(this.scheduler);
	}

	/** Number of open watch streams (for tests and metrics). */
	public int openWatches() {
		return this.streams.size();
	}

	void remove(SqliteWatchStream stream) {
		this.streams.remove(stream);
		synchronized (this.pollingLock) {
			if (this.streams.isEmpty() && this.polling != null) {
				this.polling.cancel(false);
				this.polling = null;
			}
		}
	}

	private void wakeNow() {
		if (this.closed || this.streams.isEmpty() || !this.wakePending.compareAndSet(false, true)) {
			return;
		}
		try {
			this.scheduler.execute(() -> {
				this.wakePending.set(false);
				pollSafely();
			});
		}
		catch (RejectedExecutionException ex) {
			this.wakePending.set(false); // closing
		}
	}

	/** Runs on the scheduler's single thread only, so polls never overlap. */
	private void pollSafely() {
		try {
			poll();
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				logger.warn("Deno KV watch poll failed; retrying at the next pass", ex);
			}
		}
	}

	private void poll() {
		if (this.closed || this.streams.isEmpty()) {
			return;
		}
		List<SqliteWatchStream> watches = List.copyOf(this.streams);
		record Read(SqliteWatchStream stream, WatchSnapshot snapshot, RuntimeException failure) {
		}
		List<Read> reads = this.tx.read((c) -> {
			long version = WatchSnapshot.dataVersion(c);
			long now = System.currentTimeMillis();
			List<Read> result = new ArrayList<>();
			for (SqliteWatchStream stream : watches) {
				if (stream.isStale(version, now)) {
					try {
						result.add(new Read(stream, WatchSnapshot.read(c, stream.keys(), version, now), null));
					}
					catch (RuntimeException ex) {
						// A row this process cannot read (an unknown value encoding written by some
						// other tool) ends the watches of that key only; the others still get their updates.
						result.add(new Read(stream, null, ex));
					}
				}
			}
			return result;
		});
		for (Read read : reads) {
			if (read.failure() != null) {
				logger.warn("Deno KV watch ended: a watched entry cannot be read", read.failure());
				read.stream().fail(read.failure());
				remove(read.stream());
			}
			else {
				read.stream().update(read.snapshot());
			}
		}
	}

	private void ensureOpen() {
		if (this.closed) {
			throw closedException();
		}
	}

	private static KvClosedException closedException() {
		return new KvClosedException("Watch closed");
	}

}
