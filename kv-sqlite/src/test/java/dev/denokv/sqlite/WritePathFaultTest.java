package dev.denokv.sqlite;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.model.RawValue;

import static dev.denokv.sqlite.QueueWatchTestSupport.otherProcess;
import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write path when things go wrong around a group: another process taking the lock, a full
 * disk, a stage that leaves the writer thread interrupted, a close while the file is locked.
 */
class WritePathFaultTest {

	@TempDir
	Path dir;

	@Test
	void aGroupThatGivesWayOnABusyDatabaseStillCommitsBeforeLaterWrites() throws Exception {
		Path file = this.dir.resolve("order.sqlite3");
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler
			.open(SqliteOptions.file(file).withBusyTimeout(Duration.ofMillis(300)))) {
			CountDownLatch leaderInside = new CountDownLatch(1);
			CountDownLatch leaderMayCommit = new CountDownLatch(1);
			CountDownLatch otherHoldsTheLock = new CountDownLatch(1);
			AtomicBoolean first = new AtomicBoolean(true);
			// Another process takes the write lock right after the leader's commit, for 1 s.
			h.transactions().addCommitListener((version, enqueued) -> {
				if (first.compareAndSet(true, false)) {
					holdTheLockFor(file, Duration.ofSeconds(1), otherHoldsTheLock);
				}
			});
			Thread leader = new Thread(() -> h.transactions().write((c) -> {
				leaderInside.countDown();
				await(leaderMayCommit);
				try (Statement st = c.createStatement()) {
					st.execute("update data_version set version = version + 1 where k = 0");
				}
				return null;
			}));
			leader.start();
			await(leaderInside);
			byte[] k = key("k");
			// Queued behind the leader: it runs A as an extra group, meets the busy lock and gives way.
			CompletableFuture<CommitResult> a = h.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(k, v8String("first")))));
			leaderMayCommit.countDown();
			await(otherHoldsTheLock);
			Thread.sleep(50);
			CompletableFuture<CommitResult> b = h.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(k, v8String("second")))));
			var ra = (CommitResult.Committed) a.get(30, TimeUnit.SECONDS);
			var rb = (CommitResult.Committed) b.get(30, TimeUnit.SECONDS);
			leader.join();
			assertThat(ra.versionstamp()).isLessThan(rb.versionstamp());
			assertThat(get(h, k).value().data()).isEqualTo(v8String("second").data());
		}
	}

	@Test
	void aWriteThatFillsTheDiskFailsAloneInItsGroup() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("full.sqlite3"))) {
			// A nearly full disk: four pages left.
			h.transactions().write((c) -> {
				try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("pragma page_count")) {
					rs.next();
					long pages = rs.getLong(1);
					st.execute("pragma max_page_count = " + (pages + 4));
				}
				return null;
			});
			CountDownLatch leaderInside = new CountDownLatch(1);
			CountDownLatch leaderMayCommit = new CountDownLatch(1);
			Thread leader = new Thread(() -> h.transactions().write((c) -> {
				leaderInside.countDown();
				await(leaderMayCommit);
				return null;
			}));
			leader.start();
			await(leaderInside);
			// Both queue up behind the leader and run as one group.
			CompletableFuture<CommitResult> small = h
				.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(key("small"), v8String("x")))));
			CompletableFuture<CommitResult> big = h
				.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(key("big"), RawValue.bytes(new byte[60_000])))));
			leaderMayCommit.countDown();
			leader.join();
			assertThatThrownBy(() -> big.get(30, TimeUnit.SECONDS)).hasMessageContaining("full");
			assertThat(small.get(30, TimeUnit.SECONDS).ok()).isTrue();
			assertThat(get(h, key("small")).value().data()).isEqualTo(v8String("x").data());
			assertThat(get(h, key("big"))).isNull();
		}
	}

	@Test
	void anInterruptLeftOnTheWriterThreadDoesNotMakeItSpin() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("interrupt.sqlite3"))) {
			h.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(key("k"), v8String("v"))))).get(10, TimeUnit.SECONDS);
			Thread writer = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((t) -> t.getName().startsWith("denokv-sqlite-writer"))
				.findFirst()
				.orElseThrow();
			// What a dependent stage does that catches an InterruptedException and restores the flag.
			writer.interrupt();
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			Thread.sleep(200);
			long before = threads.getThreadCpuTime(writer.getId());
			Thread.sleep(1000);
			long cpuMillis = (threads.getThreadCpuTime(writer.getId()) - before) / 1_000_000;
			// Spinning, it burnt about 940 ms of the second; parked, next to nothing.
			assertThat(cpuMillis).isLessThan(200);
			// And it still writes.
			assertThat(h.atomicWriteAsync(AtomicWrite.of(List.of(Mutation.set(key("k"), v8String("w")))))
				.get(10, TimeUnit.SECONDS)
				.ok()).isTrue();
		}
	}

	@Test
	void closingWhileAnotherProcessHoldsTheLockReportsClosedNotLocked() throws Exception {
		Path file = this.dir.resolve("busy.sqlite3");
		SqliteDatabaseHandler h = SqliteDatabaseHandler
			.open(SqliteOptions.file(file).withBusyTimeout(Duration.ofMillis(500)));
		try (Connection other = otherProcess(file); Statement st = other.createStatement()) {
			st.execute("BEGIN IMMEDIATE");
			CompletableFuture<Object> write = CompletableFuture.supplyAsync(() -> set(h, key("k"), v8String("v")));
			Thread.sleep(100);
			h.close();
			assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(KvClosedException.class);
			st.execute("ROLLBACK");
		}
	}

	/** Another connection (another process, as far as SQLite can tell) holds the write lock for a while. */
	private static void holdTheLockFor(Path file, Duration duration, CountDownLatch holding) {
		try {
			Connection other = otherProcess(file);
			Statement st = other.createStatement();
			st.execute("BEGIN IMMEDIATE");
			holding.countDown();
			new Thread(() -> {
				try (other; st) {
					Thread.sleep(duration.toMillis());
					st.execute("ROLLBACK");
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).start();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
