package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.QueueMessage;

import static dev.denokv.sqlite.QueueWatchTestSupport.MSG_A;
import static dev.denokv.sqlite.QueueWatchTestSupport.count;
import static dev.denokv.sqlite.QueueWatchTestSupport.insertQueueRow;
import static dev.denokv.sqlite.QueueWatchTestSupport.insertRunningRow;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue rows that Deno would never write (a foreign tool, a damaged file), put into a real SQLite
 * file with plain JDBC: each is dealt with on its own and the valid rows around it keep flowing.
 */
class MalformedQueueRowsTest {

	private static final HexFormat HEX = HexFormat.of();

	/** V8 bytes of the string {@code "B"}. */
	private static final byte[] MSG_B = HEX.parseHex("ff0f220142");

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Cleanup every 50 ms, so an expired lease is recovered within a test. */
	private static final SqliteQueueSettings FAST = new SqliteQueueSettings(Duration.ofSeconds(30),
			Duration.ofMillis(50), Duration.ofMillis(50));

	@TempDir
	Path dir;

	@AutoClose
	private final OpenedHandlers handlers = new OpenedHandlers();

	@Test
	void leaseCleanupRecoversValidLeasesDespiteMalformedOnes() throws Exception {
		Path file = createFile();
		long now = System.currentTimeMillis();
		try (Connection c = QueueWatchTestSupport.otherProcess(file)) {
			// The malformed rows have the oldest deadlines, so each cleanup batch meets them first.
			insertRunningRow(c, now - 4000, "bad-schedule", MSG_A, "not json", "[[2,107,49,0],\"x\",[300]]");
			insertRunningRow(c, now - 3900, "null-columns", MSG_A, "null", "null");
			insertRunningRow(c, now - 3800, "bad-keys", MSG_A, "[60000]", "{oops");
			insertRunningRow(c, now - 3700, "valid", MSG_B, "[60000,1000]", "[]");
		}
		SqliteDatabaseHandler h = openAndStartQueue(file);
		awaitTrue(() -> count(h, "queue_running") == 0, "all expired leases handled");

		// Valid lease: back in the queue with the rest of its schedule, Deno's formats kept.
		assertThat(queueRow(h, "valid")).containsExactly("[1000]", "[]");
		// Retry left, unreadable keys: retried; the keys column is kept as it was.
		assertThat(queueRow(h, "bad-keys")).containsExactly("[]", "{oops");
		// No readable schedule = no retry left: dead-lettered to the one readable key.
		assertThat(kvValue(h, new byte[] { 2, 107, 49, 0 })).isEqualTo(MSG_A);
		// JSON null schedule (Deno: no retries) and null keys: dropped, as Deno drops it.
		assertThat(count(h, "queue")).isEqualTo(2);
		assertThat(count(h, "kv")).isOne();
	}

	@Test
	void leaseCleanupSkipsARowThatCannotBeRequeuedAndRecoversTheOthers() throws Exception {
		Path file = createFile();
		long now = System.currentTimeMillis();
		try (Connection c = QueueWatchTestSupport.otherProcess(file)) {
			refuseInserts(c, "queue", "stuck");
			insertRunningRow(c, now - 4000, "stuck", MSG_A, "[100]", "[]");
			insertRunningRow(c, now - 3000, "valid", MSG_B, "[100]", "[]");
		}
		SqliteDatabaseHandler h = openAndStartQueue(file);
		awaitTrue(() -> count(h, "queue") == 1, "valid lease requeued");
		assertThat(queueRow(h, "valid")).containsExactly("[]", "[]");
		Thread.sleep(200); // a few more cleanup passes
		assertThat(count(h, "queue_running")).as("the unmovable lease is kept, not lost").isOne();
		assertThat(count(h, "queue")).isOne();
	}

	@Test
	void nextDeliversMessagesQueuedBehindARowWithAFractionalReadyTime() throws Exception {
		Path file = createFile();
		long now = System.currentTimeMillis();
		try (Connection c = QueueWatchTestSupport.otherProcess(file)) {
			// A REAL ts stays REAL in an integer column: "WHERE ts = <long>" never matches it.
			try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue VALUES (?, 'fractional', ?, '[]', '[]')")) {
				ps.setDouble(1, now - 1000 + 0.5);
				ps.setBytes(2, MSG_B);
				ps.executeUpdate();
			}
			insertQueueRow(c, now - 500, "valid", MSG_A, "[]", "[]");
		}
		SqliteDatabaseHandler h = open(file, SqliteQueueSettings.DEFAULTS);
		assertThat(drain(h, 5)).containsExactly(HEX.formatHex(MSG_B), HEX.formatHex(MSG_A));
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void nextDeliversMessagesQueuedBehindRowsWithNullColumns() throws Exception {
		Path file = createFile();
		long now = System.currentTimeMillis();
		try (Connection c = QueueWatchTestSupport.otherProcess(file); Statement st = c.createStatement()) {
			// A foreign tool created the queue table without Deno's NOT NULL constraints.
			st.execute("DROP TABLE queue");
			st.execute("CREATE TABLE queue (ts integer, id text, data blob, backoff_schedule text, "
					+ "keys_if_undelivered blob, primary key (ts, id))");
			insertQueueRow(c, now - 300, null, MSG_B, null, null);
			insertQueueRow(c, now - 200, "valid", MSG_A, "[]", "[]");
		}
		SqliteDatabaseHandler h = open(file, SqliteQueueSettings.DEFAULTS);
		QueueMessage first = h.nextQueueMessage(WAIT);
		assertThat(first.payload()).isEqualTo(MSG_B);
		h.transactions().read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT id, backoff_schedule, keys_if_undelivered FROM queue_running")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).as("a UUID v4 like Deno's ids").matches("[0-9a-f-]{36}");
				assertThat(rs.getString(2)).isEqualTo("[]");
				assertThat(rs.getString(3)).isEqualTo("[]");
			}
			return null;
		});
		first.finish(false); // no schedule: dropped
		assertThat(drain(h, 3)).containsExactly(HEX.formatHex(MSG_A));
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void nextSkipsARowThatCannotBeMovedAndKeepsIt() throws Exception {
		Path file = createFile();
		long now = System.currentTimeMillis();
		try (Connection c = QueueWatchTestSupport.otherProcess(file)) {
			refuseInserts(c, "queue_running", "stuck");
			insertQueueRow(c, now - 300, "stuck", MSG_B, "[]", "[]");
			insertQueueRow(c, now - 200, "valid", MSG_A, "[]", "[]");
		}
		SqliteDatabaseHandler h = open(file, SqliteQueueSettings.DEFAULTS);
		assertThat(drain(h, 3)).containsExactly(HEX.formatHex(MSG_A));
		assertThat(count(h, "queue")).as("the unmovable row is kept, not lost").isOne();
	}

	/** Creates a file with Deno's schema (through a handler, then closed). */
	private Path createFile() {
		Path file = this.dir.resolve("q.sqlite3");
		SqliteDatabaseHandler.open(file).close();
		return file;
	}

	private SqliteDatabaseHandler open(Path file, SqliteQueueSettings settings) {
		return this.handlers.open(file, settings);
	}

	/** Opens with {@link #FAST} and starts the queue (it starts on first use) without taking anything. */
	private SqliteDatabaseHandler openAndStartQueue(Path file) throws InterruptedException {
		SqliteDatabaseHandler h = open(file, FAST);
		assertThat(h.nextQueueMessage(Duration.ZERO)).isNull();
		return h;
	}

	/** Receives (and finishes successfully) up to {@code max} messages, 200 ms patience each. */
	private static List<String> drain(SqliteDatabaseHandler h, int max) throws InterruptedException {
		List<String> payloads = new ArrayList<>();
		QueueMessage m;
		while (payloads.size() < max && (m = h.nextQueueMessage(Duration.ofMillis(200))) != null) {
			payloads.add(HEX.formatHex(m.payload()));
			m.finish(true);
		}
		return payloads;
	}

	/** A foreign trigger that makes inserting the row with this id into {@code table} fail. */
	private static void refuseInserts(Connection c, String table, String id) throws SQLException {
		try (Statement st = c.createStatement()) {
			st.execute("CREATE TRIGGER refuse_" + table + " BEFORE INSERT ON " + table + " WHEN NEW.id = '" + id
					+ "' BEGIN SELECT RAISE(ABORT, 'refused by a foreign tool'); END");
		}
	}

	/** {@code [backoff_schedule, keys_if_undelivered]} of the queue row with this id. */
	private static List<String> queueRow(SqliteDatabaseHandler h, String id) {
		return h.transactions().read((c) -> {
			try (PreparedStatement ps = c
				.prepareStatement("SELECT backoff_schedule, keys_if_undelivered FROM queue WHERE id = ?")) {
				ps.setString(1, id);
				try (ResultSet rs = ps.executeQuery()) {
					assertThat(rs.next()).as("queue row " + id).isTrue();
					return List.of(rs.getString(1), rs.getString(2));
				}
			}
		});
	}

	private static byte[] kvValue(SqliteDatabaseHandler h, byte[] key) {
		return h.transactions().read((c) -> {
			try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
				ps.setBytes(1, key);
				try (ResultSet rs = ps.executeQuery()) {
					return rs.next() ? rs.getBytes(1) : null;
				}
			}
		});
	}

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long end = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("timed out waiting: " + what).isLessThan(end);
			Thread.sleep(20);
		}
	}

}
