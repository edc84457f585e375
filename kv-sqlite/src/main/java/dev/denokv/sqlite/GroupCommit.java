package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.error.KvClosedException;

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
 * <h2>Asynchronous writes</h2>
 * {@link #submit} queues a task and returns at once. Nobody waits on a thread for it, so a daemon
 * thread (the drainer, started on first use) takes the lead whenever asynchronous tasks are queued
 * and no caller is leading; after a group of several it gives the next group up to
 * {@link GroupTransaction#FILL_WAIT_NANOS} to fill up again. Blocking and asynchronous tasks share
 * the queue and the groups. Futures are completed after the writer lock is released, on the thread
 * that ran the group: their dependent stages must not block on another write of this database, or
 * use an async stage.
 *
 * <h2>The transaction</h2>
 * {@link GroupTransaction} runs a group: isolation between its tasks, retries while another process
 * holds the lock, fairness towards other processes.
 */
final class GroupCommit implements AutoCloseable {

	/**
	 * Groups a leader runs for others after its own write is done, before handing over. Bounded so
	 * that a leader's caller is not held up for long.
	 */
	private static final int MAX_EXTRA_GROUPS = 4;

	/** Safety net against a lost wake-up; normal wake-ups are explicit. */
	private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final WriterSession session;

	private final ReentrantLock lock = new ReentrantLock();

	private final WriteQueue pending = new WriteQueue();

	private final GroupTransaction transaction;

	/** Size of the drainer's previous group; only the drainer touches it. */
	private int drainerGroupSize;

	private final Object drainerMonitor = new Object();

	/** Leads groups of asynchronous requests; started on the first {@link #submit}. */
	private volatile Thread drainer;

	private volatile boolean closed;

	/** Threads waiting in {@link #exclusive}: leaders stop taking extra groups for them. */
	private final AtomicInteger exclusiveWaiters = new AtomicInteger();

	/** @param fairness pauses for other processes, or {@code null} (an in-memory database) */
	GroupCommit(WriterSession session, WriteLockFairness fairness) {
		this.session = session;
		this.transaction = new GroupTransaction(session, fairness, this.pending, () -> this.closed);
	}

	void addListener(CommitListener listener) {
		this.transaction.addListener(listener);
	}

	/** Runs {@code task} in a write transaction (possibly shared with others) and returns its result. */
	<T> T write(WriterTask<T> task) {
		if (this.closed) {
			throw closedException();
		}
		refuseReentry();
		WriteRequest<T> request = WriteRequest.blocking(task);
		this.pending.add(request);
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
		this.pending.add(request);
		if (this.closed && this.pending.remove(request)) {
			// close() may have drained the queue before this request got in.
			request.fail(closedException());
			request.completeFuture();
			return request.future;
		}
		LockSupport.unpark(drainer());
		return request.future;
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
			// Dependent stages of the futures run on this thread and may leave it interrupted; a set
			// flag would make every park below return at once (a busy loop) and void the fairness
			// pauses. Nobody interrupts this thread to stop it: close() sets the flag and unparks.
			Thread.interrupted();
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
	 * Runs the queued requests (up to {@link WriteQueue#MAX_GROUP}) as one transaction, taking in
	 * requests that arrive meanwhile until the group has {@code fillTarget} requests or
	 * {@link GroupTransaction#FILL_WAIT_NANOS} have passed (0: no waiting). Blocking callers are
	 * woken at once; asynchronous requests are added to {@code finishedAsync} for their futures to
	 * be completed once the lock is released.
	 * @param giveWayOnBusy whether to put the group back in the queue instead of waiting when the
	 * database is busy (another process writes): for a leader whose own work is done
	 * @return the size of the group, or {@code -1} if it was put back
	 */
	private int runGroup(List<WriteRequest<?>> finishedAsync, int fillTarget, boolean giveWayOnBusy) {
		List<WriteRequest<?>> group = new ArrayList<>();
		this.pending.drainInto(group);
		if (group.isEmpty()) {
			return 0;
		}
		try {
			if (this.closed) {
				group.forEach((r) -> r.fail(closedException()));
			}
			else if (!this.transaction.run(group, fillTarget, giveWayOnBusy)) {
				// Rolled back, nothing of it ran: the next leader runs it first, waiting for the lock.
				this.pending.putBack(group);
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
			for (WriteRequest<?> r = this.pending.poll(); r != null; r = this.pending.poll()) {
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
