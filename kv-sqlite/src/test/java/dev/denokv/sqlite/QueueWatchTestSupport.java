package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Enqueue;

/** Helpers for the queue and watch tests: enqueue through the handler, look at Deno's tables. */
final class QueueWatchTestSupport {

	/** V8 bytes of {@code {msg: "A"}}, as Deno stored them (vectors/queue.jsonl). */
	static final byte[] MSG_A = java.util.HexFormat.of().parseHex("ff106f22036d73672201417b01");

	private QueueWatchTestSupport() {
	}

	/** Enqueues one message through an atomic write, as {@code kv.enqueue} does. */
	static void enqueue(SqliteDatabaseHandler h, byte[] payload, long delayMs, List<byte[]> keys,
			List<Integer> schedule) {
		Enqueue enqueue = new Enqueue(payload, System.currentTimeMillis() + delayMs, keys, schedule);
		CommitResult result = h.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of(enqueue)));
		if (!result.ok()) {
			throw new IllegalStateException("enqueue failed: " + result);
		}
	}

	/** The {@code data_version} counter. */
	static long version(SqliteDatabaseHandler h) {
		return h.transactions().read(WatchSnapshot::dataVersion);
	}

	static int count(SqliteDatabaseHandler h, String table) {
		return h.transactions().read((c) -> {
			try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
				rs.next();
				return rs.getInt(1);
			}
		});
	}

	/**
	 * A plain connection to the file, standing in for another process: nothing it commits reaches
	 * the handler's commit listeners.
	 */
	static Connection otherProcess(Path file) throws SQLException {
		Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
		try (Statement st = c.createStatement()) {
			st.execute("PRAGMA busy_timeout = 5000");
		}
		return c;
	}

	/** Inserts a queue row the way Deno does, on {@code c}. */
	static void insertQueueRow(Connection c, long ts, String id, byte[] payload, String schedule, String keys)
			throws SQLException {
		insertRow(c, "queue", "ts", ts, id, payload, schedule, keys);
	}

	/** Inserts a running (delivered) row the way Deno does, on {@code c}; {@code deadline} ends its lease. */
	static void insertRunningRow(Connection c, long deadline, String id, byte[] payload, String schedule, String keys)
			throws SQLException {
		insertRow(c, "queue_running", "deadline", deadline, id, payload, schedule, keys);
	}

	/** Both tables share the columns after their time column. */
	private static void insertRow(Connection c, String table, String timeColumn, long time, String id, byte[] payload,
			String schedule, String keys) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + timeColumn
				+ ", id, data, backoff_schedule, keys_if_undelivered) VALUES (?, ?, ?, ?, ?)")) {
			ps.setLong(1, time);
			ps.setString(2, id);
			ps.setBytes(3, payload);
			ps.setString(4, schedule);
			ps.setString(5, keys);
			ps.executeUpdate();
		}
	}

}
