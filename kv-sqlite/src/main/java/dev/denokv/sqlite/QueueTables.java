package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The SQL of queue delivery on Deno's {@code queue} / {@code queue_running} tables (kv-format.md
 * §6.8). Every method runs inside a transaction that the caller opened through
 * {@link SqliteTransactions}, and is repeatable (the caller may re-run it on {@code SQLITE_BUSY}).
 */
final class QueueTables {

	/** What a failed delivery led to. */
	enum Requeued {

		/** Back in {@code queue} for the next backoff interval. */
		RETRY,

		/** No interval left: the payload went to the keysIfUndelivered keys (if any). */
		DEAD_LETTERED,

		/** The running row was gone: another pass (lease expiry) already handled this delivery. */
		GONE

	}

	private static final String INSERT_QUEUED = "INSERT OR REPLACE INTO queue "
			+ "(ts, id, data, backoff_schedule, keys_if_undelivered) VALUES (?, ?, ?, ?, ?)";

	private static final String INSERT_RUNNING = "INSERT OR REPLACE INTO queue_running "
			+ "(deadline, id, data, backoff_schedule, keys_if_undelivered) VALUES (?, ?, ?, ?, ?)";

	/** The columns of a {@code queue_running} row that go back to {@code queue}. */
	private record RunningRow(byte[] data, String scheduleJson, String keysJson) {
	}

	private QueueTables() {
	}

	/** The earliest ready time in {@code queue}, or {@code null} when it is empty. */
	static Long earliestReadyTime(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT min(ts) FROM queue");
				ResultSet rs = ps.executeQuery()) {
			rs.next();
			long ts = rs.getLong(1);
			return rs.wasNull() ? null : ts;
		}
	}

	/**
	 * Moves the due message with the smallest {@code ts} into {@code queue_running} with the given
	 * deadline. Returns {@code null} when no message is due (or another consumer took it first).
	 */
	static RunningMessage take(Connection c, long now, long deadline) throws SQLException {
		long ts;
		String id;
		byte[] data;
		String schedule;
		String keys;
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT ts, id, data, backoff_schedule, keys_if_undelivered FROM queue WHERE ts <= ? ORDER BY ts LIMIT 1")) {
			ps.setLong(1, now);
			try (ResultSet rs = ps.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				ts = rs.getLong(1);
				id = rs.getString(2);
				data = nonNull(rs.getBytes(3));
				schedule = rs.getString(4);
				keys = rs.getString(5);
			}
		}
		try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue WHERE ts = ? AND id = ?")) {
			ps.setLong(1, ts);
			ps.setString(2, id);
			ps.executeUpdate();
		}
		insert(c, INSERT_RUNNING, deadline, id, data, schedule, keys);
		return new RunningMessage(id, deadline, data);
	}

	/**
	 * Removes a successfully handled message. When this delivery's lease had already expired (its
	 * running row is gone) any copy of the message is removed too: it was handled, so a redelivery
	 * would only repeat the work.
	 */
	static void complete(Connection c, RunningMessage message) throws SQLException {
		if (deleteRunning(c, message.deadline(), message.id()) == 0) {
			for (String table : List.of("queue_running", "queue")) {
				try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
					ps.setString(1, message.id());
					ps.executeUpdate();
				}
			}
		}
	}

	/**
	 * Deno's requeue: a failed delivery goes back to {@code queue} at {@code now + schedule[0]}
	 * with the rest of the schedule; with no interval left, the payload is written to every
	 * keysIfUndelivered key under a new commit version, and the message is dropped.
	 */
	static Requeued requeue(Connection c, long deadline, String id, long now) throws SQLException {
		RunningRow row = readRunning(c, deadline, id);
		if (row == null) {
			return Requeued.GONE;
		}
		List<Integer> schedule = QueueJson.parseSchedule(row.scheduleJson());
		Requeued outcome;
		if (!schedule.isEmpty()) {
			insert(c, INSERT_QUEUED, now + schedule.get(0), id, row.data(),
					QueueRows.scheduleJson(schedule.subList(1, schedule.size())), row.keysJson());
			outcome = Requeued.RETRY;
		}
		else {
			deadLetter(c, row.data(), QueueJson.parseKeys(row.keysJson()));
			outcome = Requeued.DEAD_LETTERED;
		}
		deleteRunning(c, deadline, id);
		return outcome;
	}

	/**
	 * Gives a delivery back without counting it as a failure (its consumer stopped before it could
	 * handle the message): the message returns to {@code queue}, ready at {@code now}, with the same
	 * backoff schedule it was delivered with.
	 * @return {@code false} when the running row was gone (a lease expiry already requeued it)
	 */
	static boolean release(Connection c, RunningMessage message, long now) throws SQLException {
		RunningRow row = readRunning(c, message.deadline(), message.id());
		if (row == null) {
			return false;
		}
		insert(c, INSERT_QUEUED, now, message.id(), row.data(), row.scheduleJson(), row.keysJson());
		deleteRunning(c, message.deadline(), message.id());
		return true;
	}

	/**
	 * Crash recovery: requeues, as failures, up to {@code limit} running rows whose deadline has
	 * passed (their consumer hung or its process died).
	 * @return how many rows were handled
	 */
	static int requeueExpired(Connection c, long now, int limit) throws SQLException {
		record Expired(long deadline, String id) {
		}
		List<Expired> expired = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT deadline, id FROM queue_running WHERE deadline <= ? ORDER BY deadline LIMIT ?")) {
			ps.setLong(1, now);
			ps.setInt(2, limit);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					expired.add(new Expired(rs.getLong(1), rs.getString(2)));
				}
			}
		}
		for (Expired row : expired) {
			requeue(c, row.deadline(), row.id(), now);
		}
		return expired.size();
	}

	/** Whether any running row's deadline has passed (a cheap check before a write transaction). */
	static boolean anyExpired(Connection c, long now) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM queue_running WHERE deadline <= ? LIMIT 1")) {
			ps.setLong(1, now);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		}
	}

	/**
	 * Writes the payload (V8 encoding, no expiry) to every key under a new commit version (random
	 * 1..9 step, like any Deno commit). Unlike Deno, the version does not move when there is no key.
	 */
	private static void deadLetter(Connection c, byte[] data, List<byte[]> keys) throws SQLException {
		if (keys.isEmpty()) {
			return;
		}
		long version = bumpDataVersion(c);
		try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO kv "
				+ "(k, v, v_encoding, version, seq, expiration_ms) VALUES (?, ?, 1, ?, 0, -1)")) {
			for (byte[] key : keys) {
				ps.setBytes(1, key);
				ps.setBytes(2, data);
				ps.setLong(3, version);
				ps.executeUpdate();
			}
		}
	}

	private static long bumpDataVersion(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("UPDATE data_version SET version = version + ? WHERE k = 0")) {
			ps.setLong(1, ThreadLocalRandom.current().nextInt(1, 10));
			ps.executeUpdate();
		}
		try (PreparedStatement ps = c.prepareStatement("SELECT version FROM data_version WHERE k = 0");
				ResultSet rs = ps.executeQuery()) {
			if (!rs.next()) {
				throw new SQLException("data_version has no row k = 0");
			}
			return rs.getLong(1);
		}
	}

	private static RunningRow readRunning(Connection c, long deadline, String id) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT data, backoff_schedule, keys_if_undelivered FROM queue_running WHERE deadline = ? AND id = ?")) {
			ps.setLong(1, deadline);
			ps.setString(2, id);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? new RunningRow(nonNull(rs.getBytes(1)), rs.getString(2), rs.getString(3)) : null;
			}
		}
	}

	/** @return how many rows were deleted (0 when another pass handled this delivery) */
	private static int deleteRunning(Connection c, long deadline, String id) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("DELETE FROM queue_running WHERE deadline = ? AND id = ?")) {
			ps.setLong(1, deadline);
			ps.setString(2, id);
			return ps.executeUpdate();
		}
	}

	/** Runs {@link #INSERT_QUEUED} (time = ready time) or {@link #INSERT_RUNNING} (time = lease deadline). */
	private static void insert(Connection c, String sql, long time, String id, byte[] data, String schedule,
			String keys) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement(sql)) {
			ps.setLong(1, time);
			ps.setString(2, id);
			ps.setBytes(3, data);
			ps.setString(4, schedule);
			ps.setString(5, keys);
			ps.executeUpdate();
		}
	}

	/** sqlite-jdbc may read an empty blob as {@code null}; the column is {@code not null}. */
	private static byte[] nonNull(byte[] data) {
		return (data != null) ? data : new byte[0];
	}

}
