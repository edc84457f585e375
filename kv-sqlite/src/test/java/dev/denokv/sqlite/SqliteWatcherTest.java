package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Watch through {@link SqliteDatabaseHandler} on a real SQLite file, including other processes' changes. */
class SqliteWatcherTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] K1 = { 2, 'a', 0 };

	private static final byte[] K2 = { 2, 'b', 0 };

	private static final byte[] V1 = HEX.parseHex("ff0f4902"); // 1

	private static final byte[] V2 = HEX.parseHex("ff0f4904"); // 2

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	private SqliteDatabaseHandler h;

	@BeforeEach
	void open() {
		this.h = SqliteDatabaseHandler.open(this.dir.resolve("w.sqlite3"));
	}

	@AfterEach
	void close() {
		this.h.close();
	}

	private long set(byte[] key, byte[] v8, long expireAtMs) {
		AtomicWrite write = AtomicWrite.of(List.of(Mutation.set(key, RawValue.v8(v8), expireAtMs)));
		return ((CommitResult.Committed) this.h.atomicWrite(write)).versionstamp().version();
	}

	private void delete(byte[] key) {
		this.h.atomicWrite(AtomicWrite.of(List.of(Mutation.delete(key))));
	}

	@Test
	void emitsCurrentStateThenEveryChange() throws Exception {
		long v1 = set(K1, V1, -1);
		try (WatchStream watch = this.h.watch(List.of(K1, K2))) {
			assertThat(watch.poll(WAIT)).containsExactly(entry(K1, V1, v1), null);

			long v2 = set(K2, V2, -1);
			assertThat(watch.poll(WAIT)).containsExactly(entry(K1, V1, v1), entry(K2, V2, v2));

			delete(K1);
			assertThat(watch.poll(WAIT)).containsExactly(null, entry(K2, V2, v2));

			long v3 = set(K1, V2, -1);
			assertThat(watch.poll(WAIT)).containsExactly(entry(K1, V2, v3), entry(K2, V2, v2));
		}
	}

	@Test
	void doesNotEmitWhenNoWatchedKeyChanged() throws Exception {
		try (WatchStream watch = this.h.watch(List.of(K1))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			set(K2, V1, -1);
			delete(K1); // deleting an absent key changes nothing either
			assertThat(watch.poll(Duration.ofMillis(400))).isNull();
		}
	}

	@Test
	void seesChangesCommittedByAnotherConnection() throws Exception {
		try (WatchStream watch = this.h.watch(List.of(K1));
				Connection other = QueueWatchTestSupport.otherProcess(this.dir.resolve("w.sqlite3"))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			// Another process commits the way Deno does; no commit listener fires here.
			other.setAutoCommit(false);
			long version;
			try (var st = other.createStatement()) {
				st.executeUpdate("UPDATE data_version SET version = version + 3 WHERE k = 0");
				version = WatchSnapshot.dataVersion(other);
			}
			try (PreparedStatement ps = other.prepareStatement(
					"INSERT INTO kv (k, v, v_encoding, version, seq, expiration_ms) VALUES (?, ?, 1, ?, 0, -1)")) {
				ps.setBytes(1, K1);
				ps.setBytes(2, V1);
				ps.setLong(3, version);
				ps.executeUpdate();
			}
			other.commit();
			assertThat(watch.poll(WAIT)).containsExactly(entry(K1, V1, version));
		}
	}

	@Test
	void expiredEntryIsInvisibleAndItsExpiryIsReported() throws Exception {
		set(K2, V2, System.currentTimeMillis() - 1);
		long version = set(K1, V1, System.currentTimeMillis() + 300);
		try (WatchStream watch = this.h.watch(List.of(K1, K2))) {
			assertThat(watch.poll(WAIT)).containsExactly(entry(K1, V1, version), null);
			// No commit happens: the watch notices the expiry by itself.
			assertThat(watch.poll(WAIT)).containsExactly(null, null);
		}
	}

	@Test
	void deadLetteredMessageIsSeenByAWatch() throws Exception {
		try (WatchStream watch = this.h.watch(List.of(K1))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			QueueWatchTestSupport.enqueue(this.h, V1, 0, List.of(K1), List.of());
			this.h.nextQueueMessage(WAIT).finish(false);
			List<RawEntry> snapshot = watch.poll(WAIT);
			assertThat(snapshot.get(0).value()).isEqualTo(RawValue.v8(V1));
			assertThat(snapshot.get(0).versionstamp()).isEqualTo(Versionstamp.ofVersion(QueueWatchTestSupport.version(this.h)));
		}
	}

	@Test
	void closingWatchesReleasesThePoller() throws Exception {
		List<WatchStream> watches = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			watches.add(this.h.watch(List.of(K1)));
		}
		assertThat(watchThreads()).isPositive();
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			WatchStream blocked = watches.get(0);
			blocked.poll(WAIT); // initial state
			Future<List<RawEntry>> waiting = pool.submit(() -> blocked.poll(Duration.ofSeconds(30)));
			Thread.sleep(100);
			watches.forEach(WatchStream::close);
			assertThatThrownBy(() -> waiting.get(15, TimeUnit.SECONDS)).hasCauseInstanceOf(KvClosedException.class);
		}
		finally {
			pool.shutdownNow();
		}
		assertThatThrownBy(() -> watches.get(1).poll(Duration.ZERO)).isInstanceOf(KvClosedException.class);
		// The idle poller thread ends a few seconds after the last watch closed.
		assertThat(awaitNoWatchThreads()).isZero();
	}

	@Test
	void closingTheHandlerEndsEveryStream() throws Exception {
		WatchStream watch = this.h.watch(List.of(K1));
		this.h.close();
		assertThatThrownBy(() -> watch.poll(Duration.ZERO)).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> this.h.watch(List.of(K1))).isInstanceOf(KvClosedException.class);
		assertThat(awaitNoWatchThreads()).isZero();
	}

	@Test
	void rejectsMoreThanTenKeys() {
		assertThatThrownBy(() -> this.h.watch(Collections.nCopies(11, K1)))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Too many keys (max 10)");
	}

	private static RawEntry entry(byte[] key, byte[] v8, long version) {
		return new RawEntry(key, RawValue.v8(v8), Versionstamp.ofVersion(version));
	}

	private long awaitNoWatchThreads() throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (watchThreads() > 0 && System.nanoTime() < end) {
			Thread.sleep(50);
		}
		return watchThreads();
	}

	private long watchThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((t) -> t.getName().startsWith("denokv-sqlite-watch") && t.isAlive())
			.count();
	}


	@Test
	void aRowThatCannotBeReadEndsOnlyTheWatchesOfItsKey() throws Exception {
		Path file = this.dir.resolve("unreadable.sqlite3");
		byte[] good = { 2, 'g', 0 };
		byte[] bad = { 2, 'b', 0 };
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file);
				WatchStream goodWatch = h.watch(List.of(good));
				WatchStream badWatch = h.watch(List.of(bad));
				Connection other = QueueWatchTestSupport.otherProcess(file)) {
			assertThat(goodWatch.poll(Duration.ofSeconds(5))).containsExactly((RawEntry) null);
			assertThat(badWatch.poll(Duration.ofSeconds(5))).containsExactly((RawEntry) null);
			// Another tool stores a value encoding this reader does not know.
			other.createStatement().executeUpdate("UPDATE data_version SET version = version + 1 WHERE k = 0");
			try (PreparedStatement ps = other.prepareStatement(
					"INSERT INTO kv (k, v, v_encoding, version, seq, expiration_ms) VALUES (?, x'01', 9, 1, 0, -1)")) {
				ps.setBytes(1, bad);
				ps.executeUpdate();
			}
			assertThatThrownBy(() -> badWatch.poll(Duration.ofSeconds(5)))
				.isInstanceOf(dev.denokv.error.KvBackendException.class)
				.hasMessageStartingWith("Watch failed");
			h.atomicWrite(AtomicWrite.of(List.of(Mutation.set(good, RawValue.v8(HexFormat.of().parseHex("ff0f4902"))))));
			assertThat(goodWatch.poll(Duration.ofSeconds(5))).as("the other watch still sees its key change").isNotNull();
		}
	}

}
