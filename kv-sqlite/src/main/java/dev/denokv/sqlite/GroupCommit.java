package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;

/**
 * Runs write tasks on the single writer connection, grouping concurrent ones into one
 * {@code BEGIN IMMEDIATE ... COMMIT} so that they share one fsync.
 *
 * <h2>Leader/follower instead of a writer thread</h2>
 * A caller queues its task and tries to take the writer lock. The one that gets it (the leader)
 * drains the queue, runs everything it found as one transaction on its own thread, completes the
 * other callers and wakes them. Callers that arrive meanwhile wait and form the next group. A lone
 * writer therefore runs its task directly on its own thread: no hand-off to another thread and no
 * batching timer, so no added latency; under load the group grows by itself while the previous
 * commit is syncing, and a leader runs a few more groups for callers that queued up meanwhile
 * before handing the lock over.
 *
 * <h2>Isolation inside a group</h2>
 * Tasks of a group run one after the other, so each sees the effects of the tasks before it
 * (serializable). A task that throws must leave no trace while the others commit: the group first
 * runs optimistically without savepoints (they cost about a third of a small write's CPU); if a
 * task throws, the transaction is rolled back and the group re-run with a {@code SAVEPOINT} per
 * task, rolling back the failing one alone. Its caller gets the exception, the others commit.
 *
 * <h2>Asynchronous writes</h2>
 * {@link #submit} queues a task and returns at once. Nobody waits on a thread for it, so a daemon
 * thread (the drainer, started on first use) takes the lead whenever asynchronous tasks are queued
 * and no caller is leading; after a group of several it gives the next group up to
 * {@link #FILL_WAIT_NANOS} to fill up again. Blocking and asynchronous tasks share the queue and the
 * groups. Futures
 * are completed after the writer lock is released, on the thread that ran the group: their
 * dependent stages must not block on another write of this database, or use an async stage.
 *
 * <h2>Other processes</h2>
 * {@code SQLITE_BUSY} (another process holds the write lock past the busy timeout) rolls back and
 * re-runs the whole group after a short random sleep, indefinitely, as Deno does: tasks must be
 * repeatable. Callers never see "database is locked". The other way round, other processes must not
 * starve while this one writes without pause: {@link WriteLockFairness} leaves the lock free now and
 * then (Deno gives up after 5 s of waiting).
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(GroupCommit.class);

	/** Largest group; bigger bursts simply form several groups. */
	private static final int MAX_GROUP = 256;

	/**
	 * Groups a leader runs for others after its own write is done, before handing over. Bounded so
	 * that a leader's caller is not held up for long.
	 */
	private static final int MAX_EXTRA_GROUPS = 4;

	/**
	 * How long the drainer waits for a group to fill up to the size of its previous one. Its
	 * futures' callers typically submit their next writes right after completion; without the
	 * wait the drainer would commit the first of them alone and the rest as the next group, paying
	 * two fsyncs instead of one. A lone asynchronous writer (previous group of one) never waits.
	 */
	private static final long FILL_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	/** Safety net against a lost wake-up; normal wake-ups are explicit. */
	private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final WriterSession session;

	/** Pauses between back-to-back transactions for other processes; null for an in-memory database. */
	private final WriteLockFairness fairness;

	private final ReentrantLock lock = new ReentrantLock();

	private final ConcurrentLinkedQueue<WriteRequest<?>> pending = new ConcurrentLinkedQueue<>();

	/** Requests queued but not yet taken into a group: {@code pending.size()} without the walk. */
	private final AtomicInteger queued = new AtomicInteger();

	/** Size of the drainer's previous group; only the drainer touches it. */
	private int drainerGroupSize;

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	private final Object drainerMonitor = new Object();

	/** Leads groups of asynchronous requests; started on the first {@link #submit}. */
	private volatile Thread drainer;

	private volatile boolean closed;

	/** Threads waiting in {@link #exclusive}: leaders stop taking extra groups for them. */
	private final AtomicInteger exclusiveWaiters = new AtomicInteger();

	/** @param fairness pauses for other processes, or {@code null} (an in-memory database) */
	GroupCommit(WriterSession session, WriteLockFairness fairness) {
		this.session = session;
		this.fairness = fairness;
	}

	void addListener(CommitListener listener) {
		this.listeners.add(listener);
	}

	/** Runs {@code task} in a write transaction (possibly shared with others) and returns its result. */
	<T> T write(WriterTask<T> task) {
		if (this.closed) {
			throw closedException();
		}
		refuseReentry();
		WriteRequest<T> request = WriteRequest.blocking(task);
		enqueue(request);
		boolean interrupted = false;
		while (!request.done) {
			if (this.lock.tryLock()) {
				List<WriteRequest<?>> finishedAsync = new ArrayList<>();
				try {
					while (!request.done) {
						runGroup(finishedAsync, 0, false);
					}
					// Serve writes that queued up meanwhile right away: handing the lock to a parked
					// thread would leave the disk idle until that thread is scheduled.
					runExtraGroups(finishedAsync, 0, false);
				}
				finally {
					this.lock.unlock();
				}
				handOff();
				finishedAsync.forEach(WriteRequest::completeFuture);
			}
			else {
				LockSupport.parkNanos(this, PARK_NANOS);
				if (Thread.interrupted()) {
					interrupted = true;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return request.outcome();
	}

	/**
	 * Queues {@code task} like {@link #write} but without waiting: the future completes with its
	 * result or failure once its group has committed (or rolled back).
	 */
	<T> CompletableFuture<T> submit(WriterTask<T> task) {
		if (this.closed) {
			return CompletableFuture.failedFuture(closedException());
		}
		WriteRequest<T> request = WriteRequest.async(task);
		enqueue(request);
		if (this.closed && this.pending.remove(request)) {
			this.queued.decrementAndGet();
			// close() may have drained the queue before this request got in.
			request.fail(closedException());
			request.completeFuture();
			return request.future;
		}
		LockSupport.unpark(drainer());
		return request.future;
	}

	private void enqueue(WriteRequest<?> request) {
		this.queued.incrementAndGet();
		this.pending.add(request);
	}

	private WriteRequest<?> dequeue() {
		WriteRequest<?> request = this.pending.poll();
		if (request != null) {
			this.queued.decrementAndGet();
		}
		return request;
	}

	private Thread drainer() {
		Thread thread = this.drainer;
		if (thread == null) {
			synchronized (this.drainerMonitor) {
				thread = this.drainer;
				if (thread == null) {
					thread = NamedThreadFactory.fixedName("denokv-sqlite-writer").newThread(this::drainLoop);
					thread.start();
					this.drainer = thread;
				}
			}
		}
		return thread;
	}

	/** The drainer: leads while requests are queued and nobody else leads, sleeps otherwise. */
	private void drainLoop() {
		List<WriteRequest<?>> finishedAsync = new ArrayList<>();
		while (!this.closed || !this.pending.isEmpty()) {
			if (this.pending.isEmpty()) {
				// Idle: submit() and close() wake it.
				LockSupport.park(this);
				continue;
			}
			if (!this.lock.tryLock()) {
				// A leader is running and hands over when it leaves requests behind; the timeout
				// is the safety net against a lost wake-up.
				LockSupport.parkNanos(this, PARK_NANOS);
				continue;
			}
			try {
				// Bounded like a blocking leader, so that the futures of the groups run so far are
				// completed and an exclusive task gets the lock.
				this.drainerGroupSize = runGroup(finishedAsync, this.drainerGroupSize, false);
				this.drainerGroupSize = runExtraGroups(finishedAsync, this.drainerGroupSize, true);
			}
			finally {
				this.lock.unlock();
			}
			handOff();
			finishedAsync.forEach(WriteRequest::completeFuture);
			finishedAsync.clear();
			if (this.exclusiveWaiters.get() > 0) {
				// Let the exclusive task take the lock before leading again; it hands over after.
				LockSupport.parkNanos(this, PARK_NANOS);
			}
		}
	}

	/**
	 * Runs {@code task} on the writer connection with no write transaction of ours open, excluding
	 * every writer meanwhile. Used for reads of an in-memory database, which has only one connection.
	 */
	<T> T exclusive(ReaderTask<T> task) throws SQLException {
		if (this.closed) {
			throw closedException();
		}
		refuseReentry();
		this.exclusiveWaiters.incrementAndGet();
		try {
			this.lock.lock();
		}
		finally {
			this.exclusiveWaiters.decrementAndGet();
		}
		try {
			if (this.closed) {
				throw closedException();
			}
			return task.run(this.session);
		}
		finally {
			this.lock.unlock();
			handOff();
		}
	}

	/**
	 * A task running on the writer connection (inside our open transaction) that waits for another
	 * write would re-enter the lock: its {@code BEGIN} would fail, and rolling that back would undo
	 * the outer transaction, whose remaining statements would then commit one by one.
	 */
	private void refuseReentry() {
		if (this.lock.isHeldByCurrentThread()) {
			throw new IllegalStateException("A write task must not wait for another write of the same database"
					+ " (or read an in-memory one); run it after the task, or submit it without waiting");
		}
	}

	/**
	 * Runs up to {@link #MAX_EXTRA_GROUPS} more groups for requests that queued up while the
	 * leader's own group ran. Not at any cost: the leader's own work is done, so a busy database
	 * (the group goes back to the queue) or a waiting exclusive task ends them.
	 * @param fillTarget the first group's fill target
	 * @param fillToPrevious whether each later group fills up to the size of the one before (the
	 * drainer), rather than keeping {@code fillTarget}
	 * @return the fill target after the last group run
	 */
	private int runExtraGroups(List<WriteRequest<?>> finishedAsync, int fillTarget, boolean fillToPrevious) {
		int target = fillTarget;
		for (int extra = 0; extra < MAX_EXTRA_GROUPS && !this.pending.isEmpty() && this.exclusiveWaiters.get() == 0;
				extra++) {
			int size = runGroup(finishedAsync, target, true);
			if (size < 0) {
				break;
			}
			if (fillToPrevious) {
				target = size;
			}
		}
		return target;
	}

	/**
	 * After releasing the lock: wake whoever should lead next, the caller of the oldest queued
	 * request, or the drainer for an asynchronous one.
	 */
	private void handOff() {
		WriteRequest<?> next = this.pending.peek();
		if (next != null) {
			LockSupport.unpark(next.isAsync() ? this.drainer : next.waiter);
		}
	}

	/**
	 * Runs the queued requests (up to {@link #MAX_GROUP}) as one transaction, taking in requests that
	 * arrive meanwhile until the group has {@code fillTarget} requests or {@link #FILL_WAIT_NANOS}
	 * have passed (0: no waiting). Blocking callers are
	 * woken at once; asynchronous requests are added to {@code finishedAsync} for their futures to
	 * be completed once the lock is released.
	 * @param giveWayOnBusy whether to put the group back in the queue instead of waiting when the
	 * database is busy (another process writes): for a leader whose own work is done
	 * @return the size of the group, or {@code -1} if it was put back
	 */
	private int runGroup(List<WriteRequest<?>> finishedAsync, int fillTarget, boolean giveWayOnBusy) {
		List<WriteRequest<?>> group = new ArrayList<>();
		for (WriteRequest<?> r = dequeue(); r != null; r = (group.size() < MAX_GROUP) ? dequeue() : null) {
			group.add(r);
		}
		if (group.isEmpty()) {
			return 0;
		}
		try {
			if (this.closed) {
				group.forEach((r) -> r.fail(closedException()));
			}
			else if (!execute(group, fillTarget, giveWayOnBusy)) {
				// Rolled back, nothing of it ran: the next leader runs it, waiting for the lock.
				group.forEach(this::enqueue);
				group.clear();
				return -1;
			}
		}
		finally {
			// Whatever happened, every drained caller gets an outcome and is woken.
			for (WriteRequest<?> r : group) {
				r.finish();
				if (r.isAsync()) {
					finishedAsync.add(r);
				}
			}
		}
		return group.size();
	}

	/** @return {@code false} if it gave way on a busy database (rolled back, to be re-run) */
	private boolean execute(List<WriteRequest<?>> group, int fillTarget, boolean giveWayOnBusy) {
		// Optimistic first: no savepoints. Only if a task fails is the transaction rolled back and
		// the group re-run with a savepoint per task, so that the failure can be undone alone.
		boolean savepoints = false;
		if (this.fairness != null) {
			this.fairness.beforeBegin();
		}
		long fillDeadline = (fillTarget > group.size()) ? System.nanoTime() + FILL_WAIT_NANOS : 0;
		while (true) {
			try {
				long beginStart = System.nanoTime();
				this.session.execute("BEGIN IMMEDIATE");
				long beginNanos = System.nanoTime() - beginStart;
				this.session.clearNotes();
				boolean failed = false;
				// By index: the group may grow while it runs (only on the first, optimistic pass).
				for (int i = 0; i < group.size() || (!savepoints && topUp(group, fillTarget, fillDeadline)); i++) {
					WriteRequest<?> r = group.get(i);
					if (savepoints) {
						runInSavepoint(r);
						continue;
					}
					r.run(this.session);
					if (r.failed()) {
						failed = true;
						break;
					}
				}
				if (failed) {
					// Quietly: after a full disk or an I/O error SQLite may have rolled back
					// already, and the task's own error is the one to report.
					this.session.rollbackQuietly();
					if (group.size() == 1) {
						return true; // a lone failing task: nothing else to keep
					}
					savepoints = true;
					continue;
				}
				this.session.flushVersion();
				boolean versionChanged = this.session.notes().versionChanged();
				boolean enqueued = this.session.notes().enqueued();
				long version = (versionChanged || enqueued) ? this.session.notedOrCurrentVersion() : -1;
				this.session.execute("COMMIT");
				this.session.committed();
				if (this.fairness != null) {
					this.fairness.afterTransaction(beginNanos, this.session.takeForeignWrite());
				}
				if (versionChanged || enqueued) {
					notifyListeners(version, enqueued);
				}
				return true;
			}
			catch (SQLException | RuntimeException | Error ex) {
				this.session.rollbackQuietly();
				if (SqliteErrors.isBusy(ex) && !this.closed) {
					logger.debug("Database is busy, retrying the write transaction");
					if (this.fairness != null) {
						// Busy: another process holds the lock, which is a foreign writer seen.
						this.fairness.afterTransaction(0, true);
					}
					if (giveWayOnBusy) {
						return false;
					}
					SqliteErrors.backOff();
					continue;
				}
				KvException failure = (ex instanceof SQLException sql) ? SqliteErrors.backend("Write transaction failed", sql)
						: (ex instanceof KvException kv) ? kv : new KvBackendException("Write transaction failed", ex);
				group.forEach((r) -> r.fail(failure));
				return true;
			}
		}
	}

	/**
	 * Waits (yielding this core to the submitting threads) until more requests are queued, the
	 * group has {@code fillTarget} requests, or the deadline has passed; takes in what was queued.
	 * The inserts of the requests already taken overlap with the submission of the next ones.
	 * @return whether the group grew
	 */
	private boolean topUp(List<WriteRequest<?>> group, int fillTarget, long fillDeadline) {
		if (group.size() >= Math.min(fillTarget, MAX_GROUP)) {
			return false;
		}
		while (this.queued.get() == 0) {
			if (this.closed || System.nanoTime() >= fillDeadline) {
				return false;
			}
			Thread.yield();
		}
		int before = group.size();
		for (WriteRequest<?> r = dequeue(); r != null; r = (group.size() < MAX_GROUP) ? dequeue() : null) {
			group.add(r);
		}
		return group.size() > before;
	}

	/** Runs one task of a group; its failure is rolled back and kept for its caller. */
	private void runInSavepoint(WriteRequest<?> r) throws SQLException {
		this.session.execute("SAVEPOINT denokv_write");
		WriterSession.Notes before = this.session.notes();
		r.run(this.session);
		if (r.failed()) {
			try {
				this.session.execute("ROLLBACK TO denokv_write");
			}
			catch (SQLException ex) {
				// SQLite ended the whole transaction itself (a full disk, an I/O error): the group
				// fails, with the task's own error rather than "no such savepoint".
				r.rethrowFailure(ex);
			}
			this.session.restore(before);
		}
		this.session.execute("RELEASE denokv_write");
	}

	private void notifyListeners(long version, boolean enqueued) {
		for (CommitListener listener : this.listeners) {
			try {
				listener.committed(version, enqueued);
			}
			catch (RuntimeException | Error ex) {
				// The commit stands; a broken listener must not fail the writes of the group.
				logger.error("Commit listener failed", ex);
			}
		}
	}

	private static KvClosedException closedException() {
		return new KvClosedException("The database is closed");
	}

	/**
	 * Fails every queued write and closes the writer connection once the running group has
	 * finished. Idempotent.
	 */
	@Override
	public void close() {
		this.closed = true;
		List<WriteRequest<?>> failedAsync = new ArrayList<>();
		this.lock.lock();
		try {
			for (WriteRequest<?> r = dequeue(); r != null; r = dequeue()) {
				r.fail(closedException());
				r.finish();
				if (r.isAsync()) {
					failedAsync.add(r);
				}
			}
			this.session.close();
		}
		finally {
			this.lock.unlock();
		}
		failedAsync.forEach(WriteRequest::completeFuture);
		// The drainer sees the closed flag and an empty queue, and ends.
		LockSupport.unpark(this.drainer);
	}

}
