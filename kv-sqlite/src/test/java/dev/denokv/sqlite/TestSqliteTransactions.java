package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import dev.denokv.error.KvBackendException;
import dev.denokv.testsupport.SharedVectors;

/**
 * Test-only stand-in for the backend's connection manager: one writer and one reader connection
 * on a real SQLite file with Deno's schema. Also writes kv rows and queue messages the way Deno
 * does, so queue and watch can be tested before the real handler exists. Public for the interop
 * tests (kv-sqlite test-jar) until then.
 */
public final class TestSqliteTransactions implements SqliteTransactions, AutoCloseable {

	private final Connection writer;

	private final Connection reader;

	private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

	private TestSqliteTransactions(Connection writer, Connection reader) {
		this.writer = writer;
		this.reader = reader;
	}

	public static TestSqliteTransactions open(Path file) {
		try {
			Connection writer = connect(file);
			createSchemaIfMissing(writer);
			return new TestSqliteTransactions(writer, connect(file));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A plain connection with WAL and a busy timeout, as another process would have. */
	public static Connection connect(Path file) throws SQLException {
		Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
		try (Statement st = c.createStatement()) {
			st.execute("PRAGMA busy_timeout = 5000");
			st.execute("PRAGMA journal_mode = WAL");
		}
		return c;
	}

	private static void createSchemaIfMissing(Connection c) throws Exception {
		try (Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'kv'")) {
			rs.next();
			if (rs.getInt(1) > 0) {
				return;
			}
		}
		String schema = Files.readString(SharedVectors.vector("sqlite-schema.sql"));
		try (Statement st = c.createStatement()) {
			for (String sql : schema.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!sql.isBlank()) {
					st.execute(sql);
				}
			}
			st.execute("INSERT INTO migration_state (k, version) VALUES (0, 3)");
			st.execute("INSERT INTO data_version (k, version) VALUES (0, 0)");
		}
	}

	@Override
	public <T> T write(SqlWork<T> work) {
		return write(work, false);
	}

	private <T> T write(SqlWork<T> work, boolean enqueued) {
		synchronized (this.writer) {
			return writeLocked(work, enqueued);
		}
	}

	private <T> T writeLocked(SqlWork<T> work, boolean enqueued) {
		for (int attempt = 0;; attempt++) {
			try (Statement st = this.writer.createStatement()) {
				st.execute("BEGIN IMMEDIATE");
				try {
					long before = version(this.writer);
					T result = work.run(this.writer);
					long after = version(this.writer);
					st.execute("COMMIT");
					if (after != before || enqueued) {
						this.listeners.forEach((l) -> l.committed(after, enqueued));
					}
					return result;
				}
				catch (SQLException | RuntimeException ex) {
					st.execute("ROLLBACK");
					throw ex;
				}
			}
			catch (SQLException ex) {
				if (!ex.getMessage().contains("SQLITE_BUSY") || attempt > 1000) {
					throw new KvBackendException(ex.getMessage(), ex);
				}
				sleep();
			}
		}
	}

	@Override
	public <T> T read(SqlWork<T> work) {
		synchronized (this.reader) {
			return readLocked(work);
		}
	}

	private <T> T readLocked(SqlWork<T> work) {
		try (Statement st = this.reader.createStatement()) {
			st.execute("BEGIN");
			try {
				return work.run(this.reader);
			}
			finally {
				st.execute("COMMIT");
			}
		}
		catch (SQLException ex) {
			throw new KvBackendException(ex.getMessage(), ex);
		}
	}

	@Override
	public void addCommitListener(CommitListener listener) {
		this.listeners.add(listener);
	}

	/** Sets a V8 value like a Deno commit: new version, optional absolute expiry (-1 = none). */
	long set(byte[] key, byte[] v8, long expirationMs) {
		return write((c) -> {
			long version = bump(c);
			try (PreparedStatement ps = c.prepareStatement(
					"INSERT OR REPLACE INTO kv (k, v, v_encoding, version, seq, expiration_ms) VALUES (?, ?, 1, ?, 0, ?)")) {
				ps.setBytes(1, key);
				ps.setBytes(2, v8);
				ps.setLong(3, version);
				ps.setLong(4, expirationMs);
				ps.executeUpdate();
			}
			return version;
		});
	}

	long delete(byte[] key) {
		return write((c) -> {
			long version = bump(c);
			try (PreparedStatement ps = c.prepareStatement("DELETE FROM kv WHERE k = ?")) {
				ps.setBytes(1, key);
				ps.executeUpdate();
			}
			return version;
		});
	}

	/** Enqueues like a Deno atomic write with one enqueue; returns the message id. */
	String enqueue(byte[] payload, long delayMs, List<byte[]> keysIfUndelivered, List<Long> schedule) {
		String id = UUID.randomUUID().toString();
		write((c) -> {
			bump(c);
			insertQueueRow(c, System.currentTimeMillis() + delayMs, id, payload, schedule, keysIfUndelivered);
			return null;
		}, true);
		return id;
	}

	static void insertQueueRow(Connection c, long ts, String id, byte[] payload, List<Long> schedule,
			List<byte[]> keys) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(
				"INSERT INTO queue (ts, id, data, backoff_schedule, keys_if_undelivered) VALUES (?, ?, ?, ?, ?)")) {
			ps.setLong(1, ts);
			ps.setString(2, id);
			ps.setBytes(3, payload);
			ps.setString(4, QueueJson.writeSchedule(schedule));
			ps.setString(5, QueueJson.writeKeys(keys));
			ps.executeUpdate();
		}
	}

	long version() {
		return read(TestSqliteTransactions::version);
	}

	static long version(Connection c) throws SQLException {
		try (Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("SELECT version FROM data_version WHERE k = 0")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	static long bump(Connection c) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.executeUpdate("UPDATE data_version SET version = version + "
					+ ThreadLocalRandom.current().nextInt(1, 10) + " WHERE k = 0");
		}
		return version(c);
	}

	@Override
	public void close() {
		try {
			synchronized (this.writer) {
				this.writer.close();
			}
			synchronized (this.reader) {
				this.reader.close();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextInt(5, 20));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KvBackendException("interrupted", ex);
		}
	}

}
