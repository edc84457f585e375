package dev.denokv.sqlite;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;

/**
 * One watch: holds the latest snapshot not yet taken by the consumer. Snapshots that arrive
 * before the consumer polls are collapsed into the newest one, so a slow consumer costs no memory.
 */
final class SqliteWatchStream implements WatchStream {

	private final SqliteWatcher watcher;

	private final List<byte[]> keys;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	/** The last snapshot read; touched only by the creating thread and then the poller thread. */
	private volatile WatchSnapshot lastRead;

	/** Entries of the last emitted snapshot; guarded by {@link #lock}. */
	private List<RawEntry> lastEmitted;

	/** The snapshot waiting for the consumer, or {@code null}; guarded by {@link #lock}. */
	private List<RawEntry> pending;

	/** Guarded by {@link #lock}. */
	private boolean closed;

	/** Why the stream ended, if not by a close; guarded by {@link #lock}. */
	private RuntimeException failure;

	SqliteWatchStream(SqliteWatcher watcher, List<byte[]> keys, WatchSnapshot initial) {
		this.watcher = watcher;
		this.keys = keys;
		this.lastRead = initial;
		this.lastEmitted = initial.entries();
		this.pending = initial.entries();
	}

	List<byte[]> keys() {
		return this.keys;
	}

	boolean isStale(long currentVersion, long now) {
		return this.lastRead.isStale(currentVersion, now);
	}

	/** Offers a fresh read; it is emitted only when an entry differs from the last emitted one. */
	void update(WatchSnapshot snapshot) {
		this.lastRead = snapshot;
		this.lock.lock();
		try {
			if (!this.closed && !snapshot.entries().equals(this.lastEmitted)) {
				this.lastEmitted = snapshot.entries();
				this.pending = snapshot.entries();
				this.available.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public List<RawEntry> poll(Duration timeout) throws InterruptedException {
		long nanos = Durations.toNanos(timeout);
		this.lock.lock();
		try {
			while (true) {
				if (this.closed) {
					if (this.failure != null) {
						throw new KvBackendException("Watch failed: " + this.failure.getMessage(), this.failure);
					}
					throw new KvClosedException("Watch closed");
				}
				if (this.pending != null) {
					List<RawEntry> snapshot = this.pending;
					this.pending = null;
					return snapshot;
				}
				if (nanos <= 0) {
					return null;
				}
				nanos = this.available.awaitNanos(nanos);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		markClosed();
		this.watcher.remove(this);
	}

	/** Ends the stream with {@code failure}, which the consumer's polls throw from now on. */
	void fail(RuntimeException failure) {
		end(failure);
	}

	/** Ends the stream and wakes a blocked consumer; the watcher calls this when it closes. */
	void markClosed() {
		end(null);
	}

	/** Ends the stream, with the first reason it ended for (a failure, or none for a close). */
	private void end(RuntimeException failure) {
		this.lock.lock();
		try {
			if (!this.closed) {
				this.failure = failure;
				this.closed = true;
			}
			this.pending = null;
			this.available.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

}
