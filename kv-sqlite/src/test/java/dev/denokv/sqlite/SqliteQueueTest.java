package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.QueueMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queue delivery on a real SQLite file with Deno's schema. */
class SqliteQueueTest {

	private static final HexFormat HEX = HexFormat.of();

	/** V8 bytes of {@code {msg: "A"}}, as Deno stored them (vectors/queue.jsonl). */
	private static final byte[] MSG_A = HEX.parseHex("ff106f22036d73672201417b01");

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Short timings so lease expiry shows within a test. */
	private static final SqliteQueueSettings FAST = new SqliteQueueSettings(Duration.ofMillis(300),
			Duration.ofMillis(50), Duration.ofMillis(50));

	@TempDir
	Path dir;

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (int i = this.toClose.size() - 1; i >= 0; i--) {
			this.toClose.get(i).close();
		}
	}

	private TestSqliteTransactions openDb() {
		TestSqliteTransactions tx = TestSqliteTransactions.open(this.dir.resolve("q.sqlite3"));
		this.toClose.add(tx);
		return tx;
	}

	private SqliteQueue openQueue(TestSqliteTransactions tx, SqliteQueueSettings settings) {
		SqliteQueue queue = new SqliteQueue(tx, settings);
		queue.start();
		this.toClose.add(queue);
		return queue;
	}

	@Test
	void deliversMessageAndDeletesItOnSuccess() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		tx.enqueue(MSG_A, 0, List.of(), List.of(100L));

		QueueMessage message = queue.next(WAIT);
		assertThat(message.payload()).isEqualTo(MSG_A);
		assertThat(count(tx, "queue")).isZero();
		assertThat(count(tx, "queue_running")).isOne();
		message.finish(true);
		assertThat(count(tx, "queue_running")).isZero();
		assertThat(queue.next(Duration.ofMillis(100))).isNull();
	}

	@Test
	void runningRowHasLeaseDeadlineAndDenoColumns() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		byte[] key = { 2, 113, 0 };
		tx.enqueue(MSG_A, 0, List.of(key), List.of(1000L, 2000L));
		long before = System.currentTimeMillis();
		QueueMessage message = queue.next(WAIT);
		long after = System.currentTimeMillis();
		tx.read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT deadline, data, backoff_schedule, keys_if_undelivered, typeof(keys_if_undelivered) FROM queue_running")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getLong(1)).isBetween(before + 30_000, after + 30_000);
				assertThat(rs.getBytes(2)).isEqualTo(MSG_A);
				assertThat(rs.getString(3)).isEqualTo("[1000,2000]");
				assertThat(rs.getString(4)).isEqualTo("[[2,113,0]]");
				assertThat(rs.getString(5)).isEqualTo("text");
			}
			return null;
		});
		message.finish(true);
	}

	@Test
	void waitingConsumerWakesOnEnqueueInThisProcess() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		assertDeliveredAndFinish(receiveWhileWaiting(queue, () -> tx.enqueue(MSG_A, 0, List.of(), List.of())));
	}

	@Test
	void delayedMessageIsNotDeliveredEarly() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		long enqueuedAt = System.currentTimeMillis();
		tx.enqueue(MSG_A, 400, List.of(), List.of());
		assertThat(queue.next(Duration.ofMillis(100))).isNull();
		QueueMessage message = queue.next(WAIT);
		assertThat(message).isNotNull();
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(enqueuedAt + 400);
		message.finish(true);
	}

	@Test
	void failedMessageIsRetriedFollowingTheBackoffScheduleThenDeadLettered() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		byte[] k1 = { 2, 'd', 'l', 0, 2, '1', 0 };
		byte[] k2 = { 2, 'd', 'l', 0, 2, '2', 0 };
		tx.enqueue(MSG_A, 0, List.of(k1, k2), List.of(50L, 80L));

		QueueMessage first = queue.next(WAIT);
		long firstFailedAt = System.currentTimeMillis();
		first.finish(false);
		// Requeued with ts = now + 50 and the rest of the schedule, same id and columns.
		tx.read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT ts, backoff_schedule, keys_if_undelivered FROM queue")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getLong(1)).isBetween(firstFailedAt + 50, System.currentTimeMillis() + 50);
				assertThat(rs.getString(2)).isEqualTo("[80]");
				assertThat(rs.getString(3)).isEqualTo(QueueJson.writeKeys(List.of(k1, k2)));
			}
			return null;
		});
		assertThat(count(tx, "queue_running")).isZero();

		QueueMessage second = queue.next(WAIT);
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(firstFailedAt + 50);
		assertThat(second.payload()).isEqualTo(MSG_A);
		long failedAt = System.currentTimeMillis();
		second.finish(false);

		QueueMessage third = queue.next(WAIT);
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(failedAt + 80);
		long versionBefore = tx.version();
		third.finish(false);

		// Last failure: payload under both keys, V8 encoding, no expiry, a new version.
		long version = tx.version();
		assertThat(version - versionBefore).isBetween(1L, 9L);
		for (byte[] key : List.of(k1, k2)) {
			tx.read((c) -> {
				try (PreparedStatement ps = c
					.prepareStatement("SELECT v, v_encoding, version, expiration_ms FROM kv WHERE k = ?")) {
					ps.setBytes(1, key);
					try (ResultSet rs = ps.executeQuery()) {
						assertThat(rs.next()).isTrue();
						assertThat(rs.getBytes(1)).isEqualTo(MSG_A);
						assertThat(rs.getInt(2)).isEqualTo(1);
						assertThat(rs.getLong(3)).isEqualTo(version);
						assertThat(rs.getLong(4)).isEqualTo(-1);
					}
				}
				return null;
			});
		}
		assertThat(count(tx, "queue") + count(tx, "queue_running")).isZero();
		assertThat(queue.next(Duration.ofMillis(200))).isNull();
	}

	@Test
	void lastFailureWithoutKeysDropsTheMessageAndKeepsTheVersion() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		tx.enqueue(MSG_A, 0, List.of(), List.of());
		long version = tx.version();
		queue.next(WAIT).finish(false);
		assertThat(tx.version()).isEqualTo(version);
		assertThat(count(tx, "queue") + count(tx, "queue_running") + count(tx, "kv")).isZero();
	}

	@Test
	void manyConsumersGetEachMessageOnce() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		int messages = 40;
		for (int i = 0; i < messages; i++) {
			tx.enqueue(new byte[] { (byte) 0xff, 0x0f, 0x49, (byte) (2 * i) }, 0, List.of(), List.of());
		}
		Set<Integer> seen = ConcurrentHashMap.newKeySet();
		AtomicInteger deliveries = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> consumers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				consumers.add(pool.submit(() -> {
					QueueMessage m;
					while ((m = queue.next(Duration.ofMillis(500))) != null) {
						deliveries.incrementAndGet();
						seen.add((int) m.payload()[3]);
						m.finish(true);
					}
					return null;
				}));
			}
			for (Future<?> consumer : consumers) {
				consumer.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(seen).hasSize(messages);
		assertThat(deliveries.get()).isEqualTo(messages);
		assertThat(count(tx, "queue") + count(tx, "queue_running")).isZero();
	}

	@Test
	void unfinishedMessageIsRedeliveredAfterItsLease() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, FAST);
		tx.enqueue(MSG_A, 0, List.of(), List.of(20L, 20L));
		QueueMessage hung = queue.next(WAIT);
		assertThat(hung).isNotNull();
		// The handler "hangs": no finish. Cleanup requeues it as a failure after 300 ms.
		QueueMessage again = queue.next(WAIT);
		assertThat(again).isNotNull();
		assertThat(again.payload()).isEqualTo(MSG_A);
		assertThat(remainingSchedule(tx, "queue_running")).isEqualTo("[20]");
		again.finish(true);
		hung.finish(true); // late finish of the stale delivery: harmless
		assertThat(count(tx, "queue") + count(tx, "queue_running")).isZero();
	}

	@Test
	void messageSurvivesRestart() throws Exception {
		Path file = this.dir.resolve("restart.sqlite3");
		try (TestSqliteTransactions tx = TestSqliteTransactions.open(file)) {
			tx.enqueue(MSG_A, 0, List.of(), List.of());
		}
		try (TestSqliteTransactions tx = TestSqliteTransactions.open(file);
				SqliteQueue queue = new SqliteQueue(tx)) {
			queue.start();
			QueueMessage message = queue.next(WAIT);
			assertThat(message.payload()).isEqualTo(MSG_A);
			message.finish(true);
		}
	}

	@Test
	void messageOfACrashedProcessIsRedeliveredAfterReopen() throws Exception {
		Path file = this.dir.resolve("crash.sqlite3");
		try (TestSqliteTransactions tx = TestSqliteTransactions.open(file);
				SqliteQueue queue = new SqliteQueue(tx, FAST)) {
			queue.start();
			tx.enqueue(MSG_A, 0, List.of(), List.of(10L));
			assertThat(queue.next(WAIT)).isNotNull();
			// "Crash": close everything without finishing the message.
		}
		try (TestSqliteTransactions tx = TestSqliteTransactions.open(file);
				SqliteQueue queue = new SqliteQueue(tx, FAST)) {
			assertThat(count(tx, "queue_running")).isOne();
			queue.start();
			QueueMessage message = queue.next(WAIT);
			assertThat(message).isNotNull();
			assertThat(message.payload()).isEqualTo(MSG_A);
			message.finish(true);
			assertThat(count(tx, "queue") + count(tx, "queue_running")).isZero();
		}
	}

	@Test
	void messageInsertedByAnotherConnectionIsDelivered() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		try (Connection other = TestSqliteTransactions.connect(this.dir.resolve("q.sqlite3"))) {
			// Another process: no commit listener fires in ours, the poll must find it.
			assertDeliveredAndFinish(receiveWhileWaiting(queue, () -> TestSqliteTransactions.insertQueueRow(other,
					System.currentTimeMillis(), "0b0e1f6c-6a3c-4c1e-9d1f-2d3c4b5a6978", MSG_A, List.of(100L), List.of())));
		}
	}

	@Test
	void closeWakesWaitingConsumers() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		assertThatThrownBy(() -> receiveWhileWaiting(queue, queue::close)).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> queue.next(Duration.ZERO)).isInstanceOf(KvClosedException.class)
			.hasMessage("Queue already closed");
	}

	@Test
	void requeueOfDenoRowKeepsDenoColumnFormats() throws Exception {
		TestSqliteTransactions tx = openDb();
		SqliteQueue queue = openQueue(tx, SqliteQueueSettings.DEFAULTS);
		// Exactly the row Deno wrote for message A in vectors/queue.jsonl, made due now.
		String keys = "[[2,113,0,2,117,110,100,101,108,105,118,101,114,101,100,0,2,65,0],"
				+ "[2,113,0,2,117,110,100,101,108,105,118,101,114,101,100,0,2,65,50,0]]";
		tx.write((c) -> {
			try (PreparedStatement ps = c.prepareStatement(
					"INSERT INTO queue (ts, id, data, backoff_schedule, keys_if_undelivered) VALUES (?, ?, ?, '[1000,2000]', ?)")) {
				ps.setLong(1, System.currentTimeMillis());
				ps.setString(2, "6f1c1f7e-93c2-4a57-8e8b-0a1d2c3b4e5f");
				ps.setBytes(3, MSG_A);
				ps.setString(4, keys);
				ps.executeUpdate();
			}
			return null;
		});
		queue.next(WAIT).finish(false);
		tx.read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT id, backoff_schedule, keys_if_undelivered, typeof(keys_if_undelivered) FROM queue")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("6f1c1f7e-93c2-4a57-8e8b-0a1d2c3b4e5f");
				assertThat(rs.getString(2)).isEqualTo("[2000]");
				assertThat(rs.getString(3)).isEqualTo(keys);
				assertThat(rs.getString(4)).isEqualTo("text");
			}
			return null;
		});
	}

	/** Starts a consumer waiting on {@code queue}, runs {@code action} meanwhile, returns what it got. */
	private static QueueMessage receiveWhileWaiting(SqliteQueue queue, Action action) throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<QueueMessage> waiting = pool.submit(() -> queue.next(WAIT));
			Thread.sleep(100);
			action.run();
			try {
				return waiting.get(15, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw (Exception) ex.getCause();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void assertDeliveredAndFinish(QueueMessage message) {
		assertThat(message).isNotNull();
		assertThat(message.payload()).isEqualTo(MSG_A);
		message.finish(true);
	}

	interface Action {

		void run() throws Exception;

	}

	private static String remainingSchedule(TestSqliteTransactions tx, String table) {
		return tx.read((c) -> {
			try (ResultSet rs = c.createStatement().executeQuery("SELECT backoff_schedule FROM " + table)) {
				return rs.next() ? rs.getString(1) : null;
			}
		});
	}

	private static int count(TestSqliteTransactions tx, String table) {
		return tx.read((c) -> {
			try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
				rs.next();
				return rs.getInt(1);
			}
		});
	}

}
