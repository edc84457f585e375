package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;

/**
 * Runs one group of write requests as one {@code BEGIN IMMEDIATE ... COMMIT} on the writer
 * connection; the caller holds the writer lock.
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
 * repeatable. Callers never see "database is locked". The other way round, other processes must not
 * starve while this one writes without pause: {@link WriteLockFairness} leaves the lock free now and
 * then (Deno gives up after 5 s of waiting).
 */
final class GroupTransaction {

	private static final Logger logger = LoggerFactory.getLogger(GroupTransaction.class);

	/**
	 * How long a group may wait to fill up to its fill target. The drainer's futures' callers
	 * typically submit their next writes right after completion; without the wait the drainer would
	 * commit the first of them alone and the rest as the next group, paying two fsyncs instead of
	 * one.
	 */
	static final long FILL_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private final WriterSession session;

	/** Pauses between back-to-back transactions for other processes; null for an in-memory database. */
	private final WriteLockFairness fairness;

	/** Where a group being run takes in requests that arrive meanwhile. */
	private final WriteQueue queue;

	private final BooleanSupplier closed;

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	GroupTransaction(WriterSession session, WriteLockFairness fairness, WriteQueue queue, BooleanSupplier closed) {
		this.session = session;
		this.fairness = fairness;
		this.queue = queue;
		this.closed = closed;
	}

	void addListener(CommitListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Runs {@code group}, taking in queued requests until it has {@code fillTarget} of them or
	 * {@link #FILL_WAIT_NANOS} have passed (0: no waiting). Every request ends with its result or
	 * failure, unless the group gives way.
	 * @param giveWayOnBusy whether to roll back and return instead of waiting when the database is
	 * busy (another process writes): for a leader whose own work is done
	 * @return {@code false} if it gave way on a busy database (rolled back, to be re-run)
	 */
	boolean run(List<WriteRequest<?>> group, int fillTarget, boolean giveWayOnBusy) {
		// Optimistic first: no savepoints. Only if a task fails is the transaction rolled back and
		// the group re-run with a savepoint per task, so that the failure can be undone alone.
		boolean savepoints = false;
		if (this.fairness != null) {
			this.fairness.beforeBegin();
		}
		long fillDeadline = (fillTarget > group.size()) ? System.nanoTime() + FILL_WAIT_NANOS : 0;
		// Tasks whose failure took SQLite's whole transaction with it: they keep their error and
		// the others run again without them.
		Set<WriteRequest<?>> excluded = null;
		while (true) {
			try {
				long beginStart = System.nanoTime();
				this.session.execute("BEGIN IMMEDIATE");
				long beginNanos = System.nanoTime() - beginStart;
				this.session.clearNotes();
				boolean failed = false;
				boolean lost = false;
				// By index: the group may grow while it runs (only on the first, optimistic pass).
				// The inserts of the requests already taken overlap with the submission of the next.
				for (int i = 0; i < group.size()
						|| (!savepoints && this.queue.topUp(group, fillTarget, fillDeadline, this.closed)); i++) {
					WriteRequest<?> r = group.get(i);
					if (savepoints) {
						if (excluded != null && excluded.contains(r)) {
							continue;
						}
						if (!runInSavepoint(r)) {
							excluded = (excluded != null) ? excluded : Collections.newSetFromMap(new IdentityHashMap<>());
							excluded.add(r);
							lost = true;
							break;
						}
						continue;
					}
					r.run(this.session);
					if (r.failed()) {
						failed = true;
						break;
					}
				}
				if (lost) {
					this.session.rollbackQuietly();
					if (excluded.size() == group.size()) {
						return true; // every task failed on its own
					}
					continue;
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
				commit(beginNanos);
				return true;
			}
			catch (SQLException | RuntimeException | Error ex) {
				this.session.rollbackQuietly();
				boolean closedMeanwhile = this.closed.getAsBoolean();
				if (SqliteErrors.isBusy(ex) && !closedMeanwhile) {
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
				// Busy once closed: the database is going away, which is the caller's news, not "locked".
				KvException failure = (SqliteErrors.isBusy(ex) && closedMeanwhile)
						? new KvClosedException("The database is closed")
						: (ex instanceof SQLException sql) ? SqliteErrors.backend("Write transaction failed", sql)
								: (ex instanceof KvException kv) ? kv : new KvBackendException("Write transaction failed", ex);
				Set<WriteRequest<?>> failedAlone = excluded;
				group.stream().filter((r) -> failedAlone == null || !failedAlone.contains(r)).forEach((r) -> r.fail(failure));
				return true;
			}
		}
	}

	private void commit(long beginNanos) throws SQLException {
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
	}

	/**
	 * Runs one task of a group; its failure is rolled back and kept for its caller.
	 * @return {@code false} if the failure took the whole transaction with it (SQLite rolls back
	 * by itself after a full disk or an I/O error in a statement without a statement journal): the
	 * task keeps its own error, and the group must run again without it
	 */
	private boolean runInSavepoint(WriteRequest<?> r) throws SQLException {
		this.session.execute("SAVEPOINT denokv_write");
		WriterSession.Notes before = this.session.notes();
		r.run(this.session);
		if (r.failed()) {
			try {
				this.session.execute("ROLLBACK TO denokv_write");
			}
			catch (SQLException ex) {
				r.keepSuppressed(ex);
				return false;
			}
			this.session.restore(before);
		}
		this.session.execute("RELEASE denokv_write");
		return true;
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

}
