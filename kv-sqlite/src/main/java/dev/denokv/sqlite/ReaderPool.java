package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;

/**
 * A bounded pool of read-only connections, opened on demand. In WAL mode a reader sees the last
 * committed state and never waits for the writer; each connection keeps its prepared statements.
 * Reads that hit {@code SQLITE_BUSY} (rare in WAL, e.g. during recovery by another process) are
 * re-run.
 */
final class ReaderPool implements AutoCloseable {

	/** Opens a new read-only connection. */
	@FunctionalInterface
	interface Opener {

		Connection open() throws SQLException;

	}

	/**
	 * How often a waiting reader looks for a slot freed by a failed session (a session given back
	 * healthy wakes it at once).
	 */
	private static final long WAIT_POLL_MILLIS = 20;

	private final Opener opener;

	private final int maxSize;

	private final BlockingQueue<SqliteSession> idle;

	private final AtomicInteger created = new AtomicInteger();

	private volatile boolean closed;

	ReaderPool(Opener opener, int maxSize) {
		this.opener = opener;
		this.maxSize = maxSize;
		this.idle = new ArrayBlockingQueue<>(maxSize);
	}

	<T> T read(ReaderTask<T> task) {
		SqliteSession session = borrow();
		boolean healthy = true;
		try {
			while (true) {
				try {
					return task.run(session);
				}
				catch (SQLException ex) {
					session.rollbackQuietly();
					if (SqliteErrors.isBusy(ex) && !this.closed) {
						SqliteErrors.backOff();
						continue;
					}
					throw SqliteErrors.backend("Read failed", ex);
				}
			}
		}
		catch (RuntimeException | Error ex) {
			healthy = false;
			throw ex;
		}
		finally {
			giveBack(session, healthy);
		}
	}

	private SqliteSession borrow() {
		try {
			// Each pass looks for a free slot as well as an idle session: a failed session given
			// back frees its slot without putting anything in the idle queue.
			while (true) {
				if (this.closed) {
					throw new KvClosedException("The database is closed");
				}
				SqliteSession session = this.idle.poll();
				if (session != null) {
					return session;
				}
				if (this.created.incrementAndGet() <= this.maxSize) {
					try {
						return new SqliteSession(this.opener.open());
					}
					catch (SQLException ex) {
						this.created.decrementAndGet();
						throw SqliteErrors.backend("Cannot open a read connection", ex);
					}
				}
				this.created.decrementAndGet();
				session = this.idle.poll(WAIT_POLL_MILLIS, TimeUnit.MILLISECONDS);
				if (session != null) {
					return session;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KvBackendException("Interrupted while waiting for a read connection", ex);
		}
	}

	/**
	 * Returns a session to the pool. After a failure its state is unknown (an open transaction,
	 * a half-read result set), so it is replaced rather than reused.
	 */
	private void giveBack(SqliteSession session, boolean healthy) {
		if (!healthy || this.closed || !this.idle.offer(session)) {
			session.close();
			this.created.decrementAndGet();
		}
		if (this.closed) {
			drainAndClose();
		}
	}

	private void drainAndClose() {
		for (SqliteSession s = this.idle.poll(); s != null; s = this.idle.poll()) {
			s.close();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		drainAndClose();
	}

}
