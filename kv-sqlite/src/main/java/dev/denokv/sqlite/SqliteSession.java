package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.sqlite.core.CoreStatement;

/**
 * One JDBC connection plus its cache of prepared statements. Preparing a statement costs about as
 * much as running a point read, so hot statements are prepared once per connection. Not
 * thread-safe: a session is used by one thread at a time (the writer lock or the reader pool
 * guarantee that).
 */
class SqliteSession implements AutoCloseable {

	private final Connection connection;

	private final Map<String, PreparedStatement> statements = new HashMap<>();

	private final Map<String, DirectStatement> directStatements = new HashMap<>();

	SqliteSession(Connection connection) {
		this.connection = connection;
	}

	Connection connection() {
		return this.connection;
	}

	/**
	 * The cached prepared statement for {@code sql}; parameters are cleared by rebinding. A
	 * statement the driver closed is prepared again: sqlite-jdbc closes a statement whose step
	 * fails with anything but busy, locked, constraint or misuse (an I/O error, a full disk), and
	 * a long-lived session (the writer's) must not keep failing after the cause has gone.
	 */
	PreparedStatement prepared(String sql) throws SQLException {
		PreparedStatement ps = this.statements.get(sql);
		if (ps == null || isClosed(ps)) {
			ps = this.connection.prepareStatement(sql);
			this.statements.put(sql, ps);
			this.directStatements.remove(sql);
		}
		return ps;
	}

	/** Closed by the driver: its native statement is gone (the JDBC object does not say so itself). */
	private static boolean isClosed(PreparedStatement ps) throws SQLException {
		return ps.isClosed() || (ps instanceof CoreStatement core && core.pointer.isClosed());
	}

	/** The cached statement for {@code sql}, to run through the driver's statement handle. */
	DirectStatement direct(String sql) throws SQLException {
		DirectStatement direct = this.directStatements.get(sql);
		if (direct == null || direct.isClosed()) {
			direct = new DirectStatement(prepared(sql));
			this.directStatements.put(sql, direct);
		}
		return direct;
	}

	/** Runs a parameterless statement such as {@code BEGIN} or {@code COMMIT}. */
	void execute(String sql) throws SQLException {
		direct(sql).execute();
	}

	/** Runs SQL that may not be cacheable (pragmas, DDL). */
	void executeOnce(String sql) throws SQLException {
		try (Statement st = this.connection.createStatement()) {
			st.execute(sql);
		}
	}

	/** Rolls back whatever transaction is open, ignoring "no transaction is active". */
	void rollbackQuietly() {
		try {
			if (!this.connection.isClosed()) {
				executeOnce("ROLLBACK");
			}
		}
		catch (SQLException ex) {
			// Nothing was open, or the connection is gone: either way nothing is left to undo.
		}
	}

	@Override
	public void close() {
		for (PreparedStatement ps : this.statements.values()) {
			try {
				ps.close();
			}
			catch (SQLException ex) {
				// closing anyway
			}
		}
		this.statements.clear();
		this.directStatements.clear();
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// closing anyway
		}
	}

}
