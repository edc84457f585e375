package dev.denokv.sqlite;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.handler.QueueMessage;

/**
 * Queue delivery of the SQLite backend, on Deno's {@code queue} and {@code queue_running} tables
 * (kv-format.md §6.8), so messages enqueued by Deno on the same file are delivered here and the
 * other way round.
 * <ul>
 * <li>A consumer takes the due message with the smallest ready time and moves it to
 * {@code queue_running} in one write transaction, so each message goes to one consumer, across
 * threads and processes. Its lease ({@link SqliteQueueSettings#lease()}) starts then.</li>
 * <li>{@code finish(true)} deletes the message. {@code finish(false)} puts it back after the next
 * backoff interval; after the last interval its payload is written to its keysIfUndelivered keys.
 * {@code release()} puts it back at once with its schedule unchanged (a consumer that stopped).</li>
 * <li>A background pass requeues, as failures, messages whose lease expired: the handler hung or
 * its process died. Running rows are in the file, so this survives restarts.</li>
 * <li>Waiting consumers wake at once on enqueues in this process ({@link CommitListener}), at the
 * ready time of the earliest message, and on a periodic poll that finds messages written by
 * other processes.</li>
 * </ul>
 * Thread-safe. Owns one daemon thread from {@link #start()} to {@link #close()}.
 */
public final class SqliteQueue implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SqliteQueue.class);

	/** Expired leases handled per write transaction, as in Deno. */
	private static final int CLEANUP_BATCH = 100;

	/** Bounds one cleanup pass; the next pass continues. */
	private static final int CLEANUP_MAX_BATCHES = 50;

	private final SqliteTransactions tx;

	private final SqliteQueueSettings settings;

	/**
	 * Rows SQLite refused to move (see {@link QueueTables}): skipped, so the rows behind them flow,
	 * and logged once. Kept in memory only, so a restart tries them again.
	 */
	private final Set<String> unmovable = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	/** Bumped on every event that may make a message available; guarded by {@link #lock}. */
	private long wakeups;

	/** Consumers currently waiting; guarded by {@link #lock}. */
	private int waiting;

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closed;

	private volatile ScheduledThreadPoolExecutor scheduler;

	public SqliteQueue(SqliteTransactions tx) {
		this(tx, SqliteQueueSettings.DEFAULTS);
	}

	public SqliteQueue(SqliteTransactions tx, SqliteQueueSettings settings) {
		this.tx = tx;
		this.settings = settings;
	}

	/** Starts the lease cleanup and the cross-process poll, and listens to local enqueues. Idempotent. */
	public void start() {
		if (!this.started.compareAndSet(false, true) || this.closed) {
			return;
		}
		this.tx.addCommitListener((version, enqueued) -> {
			if (enqueued) {
				wake();
			}
		});
		ScheduledThreadPoolExecutor executor = DaemonScheduler.create("denokv-sqlite-queue");
		long cleanup = this.settings.cleanupInterval().toMillis();
		long poll = this.settings.pollInterval().toMillis();
		executor.scheduleWithFixedDelay(this::cleanupExpiredLeases, 0, Math.max(1, cleanup), TimeUnit.MILLISECONDS);
		executor.scheduleWithFixedDelay(this::pollForDueMessages, poll, Math.max(1, poll), TimeUnit.MILLISECONDS);
		this.scheduler = executor;
		if (this.closed) {
			// close() ran meanwhile and found no scheduler to stop.
			DaemonScheduler.shutdown(executor);
		}
	}

	/**
	 * Waits up to {@code timeout} for the next due message.
	 * @return the message, or {@code null} if none was due in time
	 * @throws KvClosedException once the queue is closed
	 */
	public QueueMessage next(Duration timeout) throws InterruptedException {
		long end = System.nanoTime() + Durations.toNanos(timeout);
		while (true) {
			ensureOpen();
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			long seen = currentWakeups();
			long now = System.currentTimeMillis();
			Long ready = transact(() -> this.tx.read((c) -> QueueTables.earliestReadyTime(c, this.unmovable)));
			if (ready != null && ready <= now) {
				long lease = this.settings.lease().toMillis();
				RunningMessage taken = transact(() -> this.tx.write((c) -> {
					long t = System.currentTimeMillis();
					return QueueTables.take(c, t, t + lease, this.unmovable);
				}));
				if (taken != null) {
					return new SqliteQueueMessage(this, taken);
				}
				continue; // another consumer was faster: look again
			}
			long remaining = end - System.nanoTime();
			if (remaining <= 0) {
				return null;
			}
			long wait = (ready != null) ? Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(ready - now)) : remaining;
			awaitWakeup(seen, wait);
		}
	}

	/** Stops background work and wakes waiting consumers with {@link KvClosedException}. Idempotent. */
	@Override
	public void close() {
		this.closed = true;
		wake();
		ScheduledThreadPoolExecutor executor = this.scheduler;
		if (executor != null) {
			DaemonScheduler.shutdown(executor);
		}
	}

	/** Called by {@link SqliteQueueMessage#finish(boolean)}. */
	void finish(RunningMessage message, boolean success) {
		if (success) {
			endDelivery(message, (c) -> {
				QueueTables.complete(c, message);
				return false;
			});
		}
		else {
			endDelivery(message, (c) -> QueueTables.requeue(c, message.deadline(), message.id(),
					System.currentTimeMillis()) == QueueTables.Requeued.RETRY);
		}
	}

	/** Called by {@link SqliteQueueMessage#release()}: back to the queue without using up a retry. */
	void release(RunningMessage message) {
		endDelivery(message, (c) -> QueueTables.release(c, message, System.currentTimeMillis()));
	}

	/**
	 * Runs the write transaction that ends a delivery.
	 * @param work returns whether it put the message back in {@code queue} (consumers are woken)
	 */
	private void endDelivery(RunningMessage message, SqlWork<Boolean> work) {
		try {
			if (this.tx.write(work)) {
				wake();
			}
		}
		catch (KvException ex) {
			if (!this.closed) {
				throw ex;
			}
			// The row stays in queue_running; it is redelivered after its lease, at-least-once.
			logger.debug("Queue closed before message {} was finished; it will be redelivered", message.id(), ex);
		}
	}

	private void cleanupExpiredLeases() {
		try {
			long now = System.currentTimeMillis();
			if (this.closed || !this.tx.read((c) -> QueueTables.anyExpired(c, now, this.unmovable))) {
				return;
			}
			int total = 0;
			for (int batch = 0; batch < CLEANUP_MAX_BATCHES && !this.closed; batch++) {
				int n = this.tx.write((c) -> QueueTables.requeueExpired(c, System.currentTimeMillis(), CLEANUP_BATCH,
						this.unmovable));
				total += n;
				if (n < CLEANUP_BATCH) {
					break;
				}
			}
			if (total > 0) {
				logger.debug("Requeued {} queue message(s) whose lease expired", total);
				wake();
			}
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				logger.warn("Deno KV queue lease cleanup failed; retrying at the next pass", ex);
			}
		}
	}

	/** Finds messages that another process enqueued (no in-process wake-up for those). */
	private void pollForDueMessages() {
		try {
			if (this.closed || !hasWaiters()) {
				return;
			}
			Long ready = this.tx.read((c) -> QueueTables.earliestReadyTime(c, this.unmovable));
			if (ready != null && ready <= System.currentTimeMillis()) {
				wake();
			}
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				logger.warn("Deno KV queue poll failed; retrying at the next pass", ex);
			}
		}
	}

	private void wake() {
		this.lock.lock();
		try {
			this.wakeups++;
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private long currentWakeups() {
		this.lock.lock();
		try {
			return this.wakeups;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean hasWaiters() {
		this.lock.lock();
		try {
			return this.waiting > 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitWakeup(long seen, long nanos) throws InterruptedException {
		this.lock.lock();
		try {
			this.waiting++;
			try {
				while (this.wakeups == seen && !this.closed && nanos > 0) {
					nanos = this.changed.awaitNanos(nanos);
				}
			}
			finally {
				this.waiting--;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Runs a transaction; once closed, any failure (the connections may be gone) reads as closed. */
	private <T> T transact(java.util.function.Supplier<T> transaction) {
		try {
			return transaction.get();
		}
		catch (KvException ex) {
			if (this.closed) {
				throw closedException();
			}
			throw ex;
		}
	}

	private void ensureOpen() {
		if (this.closed) {
			throw closedException();
		}
	}

	private static KvClosedException closedException() {
		return new KvClosedException("Queue already closed");
	}

}
