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

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.QueueMessage;

import static dev.denokv.sqlite.QueueWatchTestSupport.MSG_A;
import static dev.denokv.sqlite.QueueWatchTestSupport.count;
import static dev.denokv.sqlite.QueueWatchTestSupport.enqueue;
import static dev.denokv.sqlite.QueueWatchTestSupport.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queue delivery through {@link SqliteDatabaseHandler} on a real SQLite file. */
class SqliteQueueTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Short timings so lease expiry shows within a test. */
	private static final SqliteQueueSettings FAST = new SqliteQueueSettings(Duration.ofMillis(300),
			Duration.ofMillis(50), Duration.ofMillis(50));

	@TempDir
	Path dir;

	@AutoClose
	private final OpenedHandlers handlers = new OpenedHandlers();

	private SqliteDatabaseHandler open(SqliteQueueSettings settings) {
		return open(this.dir.resolve("q.sqlite3"), settings);
	}

	private SqliteDatabaseHandler open(Path file, SqliteQueueSettings settings) {
		return this.handlers.open(file, settings);
	}

	@Test
	void deliversMessageAndDeletesItOnSuccess() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		enqueue(h, MSG_A, 0, List.of(), List.of(100));

		QueueMessage message = h.nextQueueMessage(WAIT);
		assertThat(message.payload()).isEqualTo(MSG_A);
		assertThat(count(h, "queue")).isZero();
		assertThat(count(h, "queue_running")).isOne();
		message.finish(true);
		assertThat(count(h, "queue_running")).isZero();
		assertThat(h.nextQueueMessage(Duration.ofMillis(100))).isNull();
	}

	@Test
	void runningRowHasLeaseDeadlineAndDenoColumns() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		byte[] key = { 2, 113, 0 };
		enqueue(h, MSG_A, 0, List.of(key), List.of(1000, 2000));
		long before = System.currentTimeMillis();
		QueueMessage message = h.nextQueueMessage(WAIT);
		long after = System.currentTimeMillis();
		h.transactions().read((c) -> {
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
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		assertDeliveredAndFinish(receiveWhileWaiting(h, () -> enqueue(h, MSG_A, 0, List.of(), List.of())));
	}

	@Test
	void delayedMessageIsNotDeliveredEarly() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		long enqueuedAt = System.currentTimeMillis();
		enqueue(h, MSG_A, 400, List.of(), List.of());
		assertThat(h.nextQueueMessage(Duration.ofMillis(100))).isNull();
		QueueMessage message = h.nextQueueMessage(WAIT);
		assertThat(message).isNotNull();
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(enqueuedAt + 400);
		message.finish(true);
	}

	@Test
	void failedMessageIsRetriedFollowingTheBackoffScheduleThenDeadLettered() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		byte[] k1 = { 2, 'd', 'l', 0, 2, '1', 0 };
		byte[] k2 = { 2, 'd', 'l', 0, 2, '2', 0 };
		enqueue(h, MSG_A, 0, List.of(k1, k2), List.of(50, 80));

		QueueMessage first = h.nextQueueMessage(WAIT);
		long firstFailedAt = System.currentTimeMillis();
		first.finish(false);
		// Requeued with ts = now + 50 and the rest of the schedule, same id and columns.
		h.transactions().read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT ts, backoff_schedule, keys_if_undelivered FROM queue")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getLong(1)).isBetween(firstFailedAt + 50, System.currentTimeMillis() + 50);
				assertThat(rs.getString(2)).isEqualTo("[80]");
				assertThat(rs.getString(3)).isEqualTo("[[2,100,108,0,2,49,0],[2,100,108,0,2,50,0]]");
			}
			return null;
		});
		assertThat(count(h, "queue_running")).isZero();

		QueueMessage second = h.nextQueueMessage(WAIT);
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(firstFailedAt + 50);
		assertThat(second.payload()).isEqualTo(MSG_A);
		long failedAt = System.currentTimeMillis();
		second.finish(false);

		QueueMessage third = h.nextQueueMessage(WAIT);
		assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(failedAt + 80);
		long versionBefore = version(h);
		third.finish(false);

		// Last failure: payload under both keys, V8 encoding, no expiry, a new version.
		long version = version(h);
		assertThat(version - versionBefore).isBetween(1L, 9L);
		for (byte[] key : List.of(k1, k2)) {
			h.transactions().read((c) -> {
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
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
		assertThat(h.nextQueueMessage(Duration.ofMillis(200))).isNull();
	}

	@Test
	void lastFailureWithoutKeysDropsTheMessageAndKeepsTheVersion() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		enqueue(h, MSG_A, 0, List.of(), List.of());
		long version = version(h);
		h.nextQueueMessage(WAIT).finish(false);
		assertThat(version(h)).isEqualTo(version);
		assertThat(count(h, "queue") + count(h, "queue_running") + count(h, "kv")).isZero();
	}

	@Test
	void manyConsumersGetEachMessageOnce() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		int messages = 40;
		for (int i = 0; i < messages; i++) {
			enqueue(h, new byte[] { (byte) 0xff, 0x0f, 0x49, (byte) (2 * i) }, 0, List.of(), List.of());
		}
		Set<Integer> seen = ConcurrentHashMap.newKeySet();
		AtomicInteger deliveries = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> consumers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				consumers.add(pool.submit(() -> {
					QueueMessage m;
					while ((m = h.nextQueueMessage(Duration.ofMillis(500))) != null) {
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
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void unfinishedMessageIsRedeliveredAfterItsLease() throws Exception {
		SqliteDatabaseHandler h = open(FAST);
		enqueue(h, MSG_A, 0, List.of(), List.of(20, 20));
		QueueMessage hung = h.nextQueueMessage(WAIT);
		assertThat(hung).isNotNull();
		// The handler "hangs": no finish. Cleanup requeues it as a failure after 300 ms.
		QueueMessage again = h.nextQueueMessage(WAIT);
		assertThat(again).isNotNull();
		assertThat(again.payload()).isEqualTo(MSG_A);
		h.transactions().read((c) -> {
			try (ResultSet rs = c.createStatement().executeQuery("SELECT backoff_schedule FROM queue_running")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).as("the expired lease counted as one failure").isEqualTo("[20]");
			}
			return null;
		});
		again.finish(true);
		hung.finish(true); // late finish of the stale delivery: harmless
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void releasedMessageIsBackAtOnceWithItsWholeSchedule() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		enqueue(h, MSG_A, 0, List.of(new byte[] { 2, 'r', 0 }), List.of(50, 80));
		QueueMessage message = h.nextQueueMessage(WAIT);
		long before = System.currentTimeMillis();
		message.release();
		h.transactions().read((c) -> {
			try (ResultSet rs = c.createStatement()
				.executeQuery("SELECT ts, data, backoff_schedule, keys_if_undelivered FROM queue")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getLong(1)).isBetween(before, System.currentTimeMillis());
				assertThat(rs.getBytes(2)).isEqualTo(MSG_A);
				assertThat(rs.getString(3)).as("no attempt used up").isEqualTo("[50,80]");
				assertThat(rs.getString(4)).isEqualTo("[[2,114,0]]");
				assertThat(rs.next()).isFalse();
			}
			return null;
		});
		assertThat(count(h, "queue_running")).isZero();
		message.finish(false); // this delivery has ended already: a no-op
		assertThat(count(h, "queue")).isOne();
		QueueMessage again = h.nextQueueMessage(WAIT);
		assertThat(again.payload()).isEqualTo(MSG_A);
		again.finish(true);
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void releaseAfterTheLeaseExpiredLeavesTheRedeliveryAlone() throws Exception {
		SqliteDatabaseHandler h = open(FAST);
		enqueue(h, MSG_A, 0, List.of(), List.of(20, 20));
		QueueMessage hung = h.nextQueueMessage(WAIT);
		QueueMessage again = h.nextQueueMessage(WAIT); // after the 300 ms lease
		assertThat(again).isNotNull();
		hung.release();
		assertThat(count(h, "queue")).as("the stale delivery puts no second copy back").isZero();
		assertThat(count(h, "queue_running")).isOne();
		again.finish(true);
		assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
	}

	@Test
	void messageSurvivesRestart() throws Exception {
		Path file = this.dir.resolve("restart.sqlite3");
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			enqueue(h, MSG_A, 0, List.of(), List.of());
		}
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			QueueMessage message = h.nextQueueMessage(WAIT);
			assertThat(message.payload()).isEqualTo(MSG_A);
			message.finish(true);
		}
	}

	@Test
	void messageOfACrashedProcessIsRedeliveredAfterReopen() throws Exception {
		Path file = this.dir.resolve("crash.sqlite3");
		SqliteOptions options = SqliteOptions.file(file).withQueue(FAST);
		QueueMessage abandoned;
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			enqueue(h, MSG_A, 0, List.of(), List.of(10));
			abandoned = h.nextQueueMessage(WAIT);
			assertThat(abandoned).isNotNull();
			// "Crash": close everything without finishing the message.
		}
		abandoned.finish(true); // after close: ignored, the message stays for redelivery
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			assertThat(count(h, "queue_running")).isOne();
			QueueMessage message = h.nextQueueMessage(WAIT);
			assertThat(message).isNotNull();
			assertThat(message.payload()).isEqualTo(MSG_A);
			message.finish(true);
			assertThat(count(h, "queue") + count(h, "queue_running")).isZero();
		}
	}

	@Test
	void messageInsertedByAnotherProcessIsDelivered() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		try (Connection other = QueueWatchTestSupport.otherProcess(this.dir.resolve("q.sqlite3"))) {
			// No commit listener fires in this handler: the poll must find it.
			assertDeliveredAndFinish(receiveWhileWaiting(h, () -> QueueWatchTestSupport.insertQueueRow(other,
					System.currentTimeMillis(), "0b0e1f6c-6a3c-4c1e-9d1f-2d3c4b5a6978", MSG_A, "[100]", "[]")));
		}
	}

	@Test
	void twoHandlersOnOneFileShareTheQueue() throws Exception {
		Path file = this.dir.resolve("q.sqlite3");
		SqliteDatabaseHandler consumer = open(file, SqliteQueueSettings.DEFAULTS);
		SqliteDatabaseHandler producer = open(file, SqliteQueueSettings.DEFAULTS);
		assertDeliveredAndFinish(receiveWhileWaiting(consumer, () -> enqueue(producer, MSG_A, 0, List.of(), List.of())));
		assertThat(producer.nextQueueMessage(Duration.ofMillis(100))).isNull();
	}

	@Test
	void closeWakesWaitingConsumers() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		assertThatThrownBy(() -> receiveWhileWaiting(h, h::close)).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> h.nextQueueMessage(Duration.ZERO)).isInstanceOf(KvClosedException.class);
	}

	@Test
	void closedQueueSaysSo() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		SqliteQueue queue = new SqliteQueue(h.transactions());
		queue.start();
		queue.close();
		assertThatThrownBy(() -> queue.next(Duration.ZERO)).isInstanceOf(KvClosedException.class)
			.hasMessage("Queue already closed");
	}

	@Test
	void requeueOfDenoRowKeepsDenoColumnFormats() throws Exception {
		SqliteDatabaseHandler h = open(SqliteQueueSettings.DEFAULTS);
		// Exactly the row Deno wrote for message A in vectors/queue.jsonl, made due now.
		String keys = "[[2,113,0,2,117,110,100,101,108,105,118,101,114,101,100,0,2,65,0],"
				+ "[2,113,0,2,117,110,100,101,108,105,118,101,114,101,100,0,2,65,50,0]]";
		h.transactions().write((c) -> {
			QueueWatchTestSupport.insertQueueRow(c, System.currentTimeMillis(), "6f1c1f7e-93c2-4a57-8e8b-0a1d2c3b4e5f",
					MSG_A, "[1000,2000]", keys);
			return null;
		});
		h.nextQueueMessage(WAIT).finish(false);
		h.transactions().read((c) -> {
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

	/** Starts a consumer waiting on {@code h}, runs {@code action} meanwhile, returns what it got. */
	private static QueueMessage receiveWhileWaiting(SqliteDatabaseHandler h, Action action) throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<QueueMessage> waiting = pool.submit(() -> h.nextQueueMessage(WAIT));
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

}
