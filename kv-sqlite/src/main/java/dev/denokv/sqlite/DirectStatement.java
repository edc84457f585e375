package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.sqlite.SQLiteConnection;
import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * A cached prepared statement of a hot path, run through sqlite-jdbc's statement handle instead of
 * its JDBC layer.
 *
 * <p>{@link DB#execute(CoreStatement, Object[])} is the call that the driver's own
 * {@code executeQuery} and {@code executeUpdate} make to bind the parameters and step: same
 * binding, same return-code handling, same errors. Going to it directly skips, per call, what the
 * JDBC layer adds around it: a result set whose set-up reads every column name through JNI, a
 * query-timeout wrapper, a change count, and a lock, column check and lambda per column getter.
 * Together that was about a fifth of a point read. Rows are read under one lock per statement with
 * the driver's column calls.
 *
 * <p>The statement is always left reset (its read transaction, if it was the only statement,
 * ends). Not thread-safe: it belongs to one {@link SqliteSession}.
 */
final class DirectStatement {

	/** Reads the current row through the driver's column calls. */
	@FunctionalInterface
	interface RowMapper<T> {

		T map(DB db, long statement) throws SQLException;

	}

	private static final Object[] NO_PARAMETERS = {};

	private final DB db;

	private final CoreStatement statement;

	DirectStatement(PreparedStatement prepared) throws SQLException {
		// Sessions only ever hold sqlite-jdbc connections (SqliteConnector), so both casts hold.
		this.statement = (CoreStatement) prepared;
		this.db = ((SQLiteConnection) prepared.getConnection()).getDatabase();
	}

	/** Whether the driver closed the statement (it does after some errors); it must be prepared again. */
	boolean isClosed() {
		return this.statement.pointer.isClosed();
	}

	/** Runs a statement whose rows, if any, are not wanted ({@code BEGIN}, an update). */
	void execute(Object... parameters) throws SQLException {
		if (step(parameters)) {
			reset();
		}
	}

	/** Runs a statement without parameters whose rows, if any, are not wanted. */
	void execute() throws SQLException {
		execute(NO_PARAMETERS);
	}

	/** Runs an {@code insert}, {@code update} or {@code delete}: the number of rows it changed. */
	long update(Object... parameters) throws SQLException {
		try {
			// Binds, steps, resets and reads sqlite3_changes(), as the driver's executeUpdate does.
			return this.db.executeUpdate(this.statement, parameters);
		}
		catch (SQLException | RuntimeException ex) {
			resetQuietly();
			throw ex;
		}
	}

	/** The first row, mapped, or {@code null} when there is none. */
	<T> T queryFirst(RowMapper<T> mapper, Object... parameters) throws SQLException {
		if (!step(parameters)) {
			return null;
		}
		try {
			return this.statement.pointer.safeRun(mapper::map);
		}
		finally {
			reset();
		}
	}

	/** Maps every row into {@code out}, in order. */
	<T> void queryAll(RowMapper<? extends T> mapper, List<T> out, Object... parameters) throws SQLException {
		if (!step(parameters)) {
			return;
		}
		try {
			this.statement.pointer.safeRunConsume((db, stmt) -> {
				int status;
				do {
					out.add(mapper.map(db, stmt));
					status = db.step(stmt);
				}
				while (status == Codes.SQLITE_ROW);
				if (status != Codes.SQLITE_DONE) {
					db.throwex(status);
				}
			});
		}
		finally {
			reset();
		}
	}

	/** Binds and steps once: {@code true} when positioned on a row (the statement then needs a reset). */
	private boolean step(Object[] parameters) throws SQLException {
		try {
			// Resets by itself when the statement is done.
			return this.db.execute(this.statement, parameters);
		}
		catch (SQLException | RuntimeException ex) {
			// SQLITE_BUSY and friends leave the statement mid-step; the driver's JDBC layer resets it too.
			resetQuietly();
			throw ex;
		}
	}

	private void reset() throws SQLException {
		this.statement.pointer.safeRunConsume(DB::reset);
	}

	private void resetQuietly() {
		try {
			if (!this.statement.pointer.isClosed()) {
				reset();
			}
		}
		catch (SQLException ex) {
			// The error being thrown matters more; a broken statement fails its next use anyway.
		}
	}

}
