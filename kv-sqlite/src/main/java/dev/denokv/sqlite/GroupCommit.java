package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <h2>Other processes</h2>
 * {@code SQLITE_BUSY} (another process holds the write lock past the busy timeout) rolls back and
 * re-runs the whole group after a short random sleep, indefinitely, as Deno does: tasks must be
 * repeatable. Callers never see "database is locked".
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

	/** Safety net against a lost wake-up; normal wake-ups are explicit. */
	private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final WriterSession session;

	private final ReentrantLock lock = new ReentrantLock();

	private final ConcurrentLinkedQueue<Request<?>> pending = new ConcurrentLinkedQueue<>();

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	private volatile boolean closed;

	GroupCommit(WriterSession session) {
		this.session = session;
	}

	void addListener(CommitListener listener) {
		this.listeners.add(listener);
	}

	/** Runs {@code task} in a write transaction (possibly shared with others) and returns its result. */
	<T> T write(WriterTask<T> task) {
		if (this.closed) {
			throw closedException();
		}
		Request<T> request = new Request<>(task, Thread.currentThread());
		this.pending.add(request);
		boolean interrupted = false;
		while (!request.done) {
			if (this.lock.tryLock()) {
				try {
					while (!request.done) {
						runGroup();
					}
					// Serve writes that queued up meanwhile right away: handing the lock to a parked
					// thread would leave the disk idle until that thread is scheduled.
					for (int extra = 0; extra < MAX_EXTRA_GROUPS && !this.pending.isEmpty(); extra++) {
						runGroup();
					}
				}
				finally {
					this.lock.unlock();
				}
				handOff();
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
	 * Runs {@code task} on the writer connection with no write transaction of ours open, excluding
	 * every writer meanwhile. Used for reads of an in-memory database, which has only one connection.
	 */
	<T> T exclusive(ReaderTask<T> task) throws SQLException {
		if (this.closed) {
			throw closedException();
		}
		this.lock.lock();
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

	/** After releasing the lock: wake a queued caller so that it becomes the next leader. */
	private void handOff() {
		Request<?> next = this.pending.peek();
		if (next != null) {
			LockSupport.unpark(next.waiter);
		}
	}

	private void runGroup() {
		List<Request<?>> group = new ArrayList<>();
		for (Request<?> r = this.pending.poll(); r != null; r = (group.size() < MAX_GROUP) ? this.pending.poll() : null) {
			group.add(r);
		}
		if (group.isEmpty()) {
			return;
		}
		try {
			if (this.closed) {
				group.forEach((r) -> r.fail(closedException()));
			}
			else {
				execute(group);
			}
		}
		finally {
			// Whatever happened, every drained caller gets an outcome and is woken.
			for (Request<?> r : group) {
				r.done = true;
				LockSupport.unpark(r.waiter);
			}
		}
	}

	private void execute(List<Request<?>> group) {
		// Optimistic first: no savepoints. Only if a task fails is the transaction rolled back and
		// the group re-run with a savepoint per task, so that the failure can be undone alone.
		boolean savepoints = false;
		while (true) {
			try {
				this.session.execute("BEGIN IMMEDIATE");
				this.session.clearNotes();
				boolean failed = false;
				for (Request<?> r : group) {
					if (savepoints) {
						runInSavepoint(r);
						continue;
					}
					r.run(this.session);
					if (r.error != null) {
						failed = true;
						break;
					}
				}
				if (failed) {
					this.session.execute("ROLLBACK");
					if (group.size() == 1) {
						return; // a lone failing task: nothing else to keep
					}
					savepoints = true;
					continue;
				}
				this.session.flushVersion();
				boolean versionChanged = this.session.notes().versionChanged();
				boolean enqueued = this.session.notes().enqueued();
				long version = (versionChanged || enqueued) ? this.session.notedOrCurrentVersion() : -1;
				this.session.execute("COMMIT");
				if (versionChanged || enqueued) {
					notifyListeners(version, enqueued);
				}
				return;
			}
			catch (SQLException | RuntimeException | Error ex) {
				this.session.rollbackQuietly();
				if (SqliteErrors.isBusy(ex) && !this.closed) {
					logger.debug("Database is busy, retrying the write transaction");
					SqliteErrors.backOff();
					continue;
				}
				KvException failure = (ex instanceof SQLException sql) ? SqliteErrors.backend("Write transaction failed", sql)
						: (ex instanceof KvException kv) ? kv : new KvBackendException("Write transaction failed", ex);
				group.forEach((r) -> r.fail(failure));
				return;
			}
		}
	}

	/** Runs one task of a group; its failure is rolled back and kept for its caller. */
	private void runInSavepoint(Request<?> r) throws SQLException {
		this.session.execute("SAVEPOINT denokv_write");
		WriterSession.Notes before = this.session.notes();
		r.run(this.session);
		if (r.error != null) {
			this.session.execute("ROLLBACK TO denokv_write");
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
		this.lock.lock();
		try {
			for (Request<?> r = this.pending.poll(); r != null; r = this.pending.poll()) {
				r.fail(closedException());
				r.done = true;
				LockSupport.unpark(r.waiter);
			}
			this.session.close();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One queued task and, once run, its result or failure. */
	private static final class Request<T> {

		final WriterTask<T> task;

		final Thread waiter;

		T result;

		Throwable error;

		volatile boolean done;

		Request(WriterTask<T> task, Thread waiter) {
			this.task = task;
			this.waiter = waiter;
		}

		/**
		 * Runs the task, keeping a failure for the caller; rethrows only {@code SQLITE_BUSY}, which
		 * concerns the whole transaction.
		 */
		void run(WriterSession session) throws SQLException {
			this.result = null;
			this.error = null;
			try {
				this.result = this.task.run(session);
			}
			catch (SQLException | RuntimeException ex) {
				if (SqliteErrors.isBusy(ex)) {
					throw ex;
				}
				this.error = ex;
			}
			catch (Error ex) {
				this.error = ex;
			}
		}

		void fail(Throwable failure) {
			this.result = null;
			this.error = failure;
		}

		T outcome() {
			Throwable e = this.error;
			if (e == null) {
				return this.result;
			}
			if (e instanceof RuntimeException rt) {
				throw rt;
			}
			if (e instanceof Error err) {
				throw err;
			}
			if (e instanceof SQLException sql) {
				throw SqliteErrors.backend("Write failed", sql);
			}
			throw new KvBackendException("Write failed", e);
		}

	}

}
