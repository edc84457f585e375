package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer counts {@code data_version} in memory and writes the row once per transaction
 * ({@link WriterSession#bumpVersion}): the row, the versionstamps and the commit listeners must
 * come out exactly as if every write had bumped the row itself, also when a group mixes atomic
 * writes, plain SQL that bumps the row, and failing writes that are rolled back.
 */
class DeferredDataVersionTest {

	private static final int TASKS = 24;

	@TempDir
	Path dir;

	@Test
	void eachWriteGetsItsOwnVersionAndTheRowEndsAtTheLast() {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("v.sqlite3"))) {
			long previous = dataVersion(h);
			for (int i = 0; i < 20; i++) {
				long version = set(h, key("k", i), v8String("v")).versionstamp().version();
				assertThat(version - previous).isBetween(1L, 9L);
				assertThat(dataVersion(h)).isEqualTo(version);
				assertThat(get(h, key("k", i)).versionstamp().version()).isEqualTo(version);
				previous = version;
			}
		}
	}

	@Test
	void aGroupMixingWritesPlainSqlAndFailuresKeepsTheCounterExact() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("v.sqlite3"))) {
			set(h, key("text"), v8String("t"));
			List<Long> committed = new CopyOnWriteArrayList<>();
			h.transactions().addCommitListener((version, enqueued) -> committed.add(version));
			ExecutorService pool = Executors.newFixedThreadPool(TASKS + 1);
			try {
				// Hold the writer so that the tasks below queue up and run as one group.
				CountDownLatch holding = new CountDownLatch(1);
				CountDownLatch release = new CountDownLatch(1);
				Future<?> blocker = pool.submit(() -> h.transactions().write((c) -> {
					holding.countDown();
					try {
						release.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return null;
				}));
				assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
				List<Future<Long>> versions = new ArrayList<>();
				List<Future<?>> failing = new ArrayList<>();
				for (int i = 0; i < TASKS; i++) {
					int n = i;
					switch (i % 3) {
						case 0 -> versions.add(pool.submit(() -> h.transactions().write(DeferredDataVersionTest::bumpBySql)));
						case 1 -> versions.add(pool.submit(() -> set(h, key("w", n), v8String("w")).versionstamp().version()));
						default -> failing.add(pool.submit(() -> h.atomicWrite(AtomicWrite.of(List.of(
								Mutation.set(key("bad", n), v8String("x")),
								new Mutation(key("text"), MutationType.SUM, u64(1), 0))))));
					}
				}
				// Give the tasks time to queue; the assertions hold whatever groups they form.
				Thread.sleep(300);
				release.countDown();
				blocker.get(30, TimeUnit.SECONDS);
				List<Long> seen = new ArrayList<>();
				for (Future<Long> f : versions) {
					seen.add(f.get(30, TimeUnit.SECONDS));
				}
				for (Future<?> f : failing) {
					assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(KvMutationException.class);
				}
				assertThat(seen).doesNotHaveDuplicates();
				long last = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
				assertThat(dataVersion(h)).isEqualTo(last);
				assertThat(committed).contains(last);
				assertThat(TestData.list(h, key("bad"))).isEmpty();
				for (int i = 1; i < TASKS; i += 3) {
					assertThat(seen).contains(get(h, key("w", i)).versionstamp().version());
				}
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	/** What the queue does: bump the row with plain SQL and read it back. */
	private static long bumpBySql(java.sql.Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("update data_version set version = version + 1 where k = 0")) {
			ps.executeUpdate();
		}
		try (PreparedStatement ps = c.prepareStatement("select version from data_version where k = 0");
				ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private static long dataVersion(SqliteDatabaseHandler h) {
		return h.transactions().read((c) -> {
			try (PreparedStatement ps = c.prepareStatement("select version from data_version where k = 0");
					ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		});
	}

}
