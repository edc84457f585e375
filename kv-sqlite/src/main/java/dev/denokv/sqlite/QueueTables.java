package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of queue delivery on Deno's {@code queue} / {@code queue_running} tables (kv-format.md
 * §6.8). Every method runs inside a transaction that the caller opened through
 * {@link SqliteTransactions}, and is repeatable (the caller may re-run it on {@code SQLITE_BUSY}).
 * <p>
 * Rows that Deno would never write (a foreign tool, a damaged file) must not stop the others:
 * rows are moved by {@code rowid} (a REAL {@code ts} or a BLOB {@code id} never equals what was
 * read back), SQL {@code NULL}s get Deno's neutral values ({@code []}, a new UUID), the JSON
 * columns are read leniently ({@link QueueJson}), and a row whose move SQLite still refuses (a
 * constraint or trigger of a foreign schema) is rolled back on its own, logged once and left in
 * place: its key goes into the caller's {@code unmovable} set, which later calls skip. It is not
 * deleted, so nothing is lost; a restart tries it again.
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

	private static final Logger logger = LoggerFactory.getLogger(QueueTables.class);

	/** SQLite's primary result codes of errors that one row's values cause. */
	private static final Set<Integer> ROW_FAULTS = Set.of(18 /* TOOBIG */, 19 /* CONSTRAINT */, 20 /* MISMATCH */);

	/** The columns of a {@code queue_running} row that go back to {@code queue}. */
	private record RunningRow(long rowid, String id, byte[] data, String scheduleJson, String keysJson) {
	}

	/** A row found by a scan; {@code key} names it in the {@code unmovable} set. */
	private record Candidate(long rowid, String id, String key) {
	}

	private QueueTables() {
	}

	/**
	 * The earliest ready time in {@code queue}, or {@code null} when it is empty. Unmovable rows
	 * do not count (a due one would make consumers spin), nor do ready times that are not numbers
	 * ({@code ts <= now} never holds for those).
	 */
	static Long earliestReadyTime(Connection c, Set<String> unmovable) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT rowid, id, ts FROM queue "
				+ "WHERE typeof(ts) IN ('integer', 'real') ORDER BY ts LIMIT ?")) {
			ps.setInt(1, unmovable.size() + 1);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					if (!unmovable.contains(key("queue", rs.getLong(1), rs.getString(2)))) {
						// Rounded up: a fractional ts is due only once now >= it.
						return (long) Math.ceil(rs.getDouble(3));
					}
				}
				return null;
			}
		}
	}

	/**
	 * Moves the due message with the smallest {@code ts} into {@code queue_running} with the given
	 * deadline. Returns {@code null} when no movable message is due (or another consumer took it
	 * first).
	 */
	static RunningMessage take(Connection c, long now, long deadline, Set<String> unmovable) throws SQLException {
		record Due(Candidate row, byte[] data, String schedule, String keys) {
		}
		List<Due> due = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement("SELECT rowid, id, data, backoff_schedule, keys_if_undelivered "
				+ "FROM queue WHERE ts <= ? ORDER BY ts LIMIT ?")) {
			ps.setLong(1, now);
			// One more than the rows to skip: at least one candidate, if any row can move.
			ps.setInt(2, unmovable.size() + 1);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					Candidate row = candidate("queue", rs.getLong(1), rs.getString(2));
					if (!unmovable.contains(row.key())) {
						due.add(new Due(row, nonNull(rs.getBytes(3)), orEmpty(rs.getString(4)), orEmpty(rs.getString(5))));
					}
				}
			}
		}
		for (Due d : due) {
			// A NULL id (foreign schema) cannot be finished by id; Deno's ids are UUID v4 strings too.
			String id = (d.row().id() != null) ? d.row().id() : UUID.randomUUID().toString();
			boolean moved = perRow(c, d.row(), unmovable, () -> {
				deleteRow(c, "queue", d.row().rowid());
				insert(c, INSERT_RUNNING, deadline, id, d.data(), d.schedule(), d.keys());
			});
			if (moved) {
				return new RunningMessage(id, deadline, d.data());
			}
		}
		return null;
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
		return (row != null) ? requeue(c, row, now) : Requeued.GONE;
	}

	private static Requeued requeue(Connection c, RunningRow row, long now) throws SQLException {
		List<Integer> schedule = QueueJson.parseSchedule(row.id(), row.scheduleJson());
		Requeued outcome;
		if (!schedule.isEmpty()) {
			// The schedule is written anew (so a malformed one is logged once); keys stay as they were.
			insert(c, INSERT_QUEUED, now + schedule.get(0), row.id(), row.data(),
					QueueRows.scheduleJson(schedule.subList(1, schedule.size())), row.keysJson());
			outcome = Requeued.RETRY;
		}
		else {
			deadLetter(c, row.data(), QueueJson.parseKeys(row.id(), row.keysJson()));
			outcome = Requeued.DEAD_LETTERED;
		}
		deleteRow(c, "queue_running", row.rowid());
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
		deleteRow(c, "queue_running", row.rowid());
		return true;
	}

	/**
	 * Crash recovery: requeues, as failures, up to {@code limit} running rows whose deadline has
	 * passed (their consumer hung or its process died). Each row is handled on its own: one that
	 * cannot be requeued joins {@code unmovable} and the others go on.
	 * @return how many rows were handled (requeued, or found unmovable now)
	 */
	static int requeueExpired(Connection c, long now, int limit, Set<String> unmovable) throws SQLException {
		List<Candidate> expired = expired(c, now, limit, unmovable);
		for (Candidate row : expired) {
			perRow(c, row, unmovable, () -> {
				RunningRow running = readRunning(c, row.rowid());
				if (running != null) {
					requeue(c, running, now);
				}
			});
		}
		return expired.size();
	}

	/** Whether any running row's deadline has passed (a cheap check before a write transaction). */
	static boolean anyExpired(Connection c, long now, Set<String> unmovable) throws SQLException {
		return !expired(c, now, 1, unmovable).isEmpty();
	}

	/** Up to {@code limit} expired running rows, oldest deadline first, without unmovable ones. */
	private static List<Candidate> expired(Connection c, long now, int limit, Set<String> unmovable)
			throws SQLException {
		List<Candidate> expired = new ArrayList<>();
		try (PreparedStatement ps = c.prepareStatement(
				"SELECT rowid, id FROM queue_running WHERE deadline <= ? ORDER BY deadline LIMIT ?")) {
			ps.setLong(1, now);
			ps.setInt(2, limit + unmovable.size());
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next() && expired.size() < limit) {
					Candidate row = candidate("queue_running", rs.getLong(1), rs.getString(2));
					if (!unmovable.contains(row.key())) {
						expired.add(row);
					}
				}
			}
		}
		return expired;
	}

	/**
	 * Runs one row's statements under a savepoint. When SQLite refuses them because of the row's
	 * values, they are rolled back alone and the row joins {@code unmovable} (logged once); any
	 * other error (busy, I/O, disk full) says nothing about the row and fails the transaction.
	 * @return whether the work went through
	 */
	private static boolean perRow(Connection c, Candidate row, Set<String> unmovable, SqlAction work)
			throws SQLException {
		execute(c, "SAVEPOINT denokv_queue_row");
		try {
			work.run();
		}
		catch (SQLException ex) {
			if (!ROW_FAULTS.contains(ex.getErrorCode() & 0xff)) {
				throw ex;
			}
			execute(c, "ROLLBACK TO denokv_queue_row");
			execute(c, "RELEASE denokv_queue_row");
			if (unmovable.add(row.key())) {
				logger.warn("Deno KV queue row {} cannot be moved and is skipped (left in place) until restart: {}",
						row.key(), ex.getMessage());
			}
			return false;
		}
		execute(c, "RELEASE denokv_queue_row");
		return true;
	}

	/** Statements of one row, for {@link #perRow}. */
	private interface SqlAction {

		void run() throws SQLException;

	}

	private static void execute(Connection c, String sql) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.execute(sql);
		}
	}

	private static Candidate candidate(String table, long rowid, String id) {
		return new Candidate(rowid, id, key(table, rowid, id));
	}

	/** Names a row for the log and the {@code unmovable} set; the id guards against a reused rowid. */
	private static String key(String table, long rowid, String id) {
		return table + " rowid " + rowid + " (id " + id + ")";
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
		return readRunning(c, "deadline = ? AND id = ?", deadline, id);
	}

	private static RunningRow readRunning(Connection c, long rowid) throws SQLException {
		return readRunning(c, "rowid = ?", rowid, null);
	}

	private static RunningRow readRunning(Connection c, String where, long first, String second) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT rowid, id, data, backoff_schedule, keys_if_undelivered "
				+ "FROM queue_running WHERE " + where)) {
			ps.setLong(1, first);
			if (second != null) {
				ps.setString(2, second);
			}
			try (ResultSet rs = ps.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				String id = rs.getString(2);
				// SQL NULLs only come from a foreign schema; they must not fail the insert into queue.
				return new RunningRow(rs.getLong(1), (id != null) ? id : UUID.randomUUID().toString(),
						nonNull(rs.getBytes(3)), orEmpty(rs.getString(4)), orEmpty(rs.getString(5)));
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

	private static void deleteRow(Connection c, String table, long rowid) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rowid = ?")) {
			ps.setLong(1, rowid);
			ps.executeUpdate();
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

	/** A SQL NULL JSON column as {@code []}: no retry left, no key (Deno reads a JSON null schedule so too). */
	private static String orEmpty(String json) {
		return (json != null) ? json : "[]";
	}

}
