package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.Versionstamp;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Concurrent writes share transactions but keep their own versionstamps, checks and failures. */
class GroupCommitTest {

	@TempDir
	Path dir;

	@Test
	void concurrentWritesGetDistinctIncreasingVersionstampsAndAllLand() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"))) {
			Set<Versionstamp> stamps = ConcurrentHashMap.newKeySet();
			ExecutorService pool = Executors.newFixedThreadPool(16);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int id = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 50; i++) {
						stamps.add(set(h, key("g", id, i), v8String("v")).versionstamp());
					}
				}));
			}
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(stamps).hasSize(800);
			assertThat(TestData.list(h, key("g"))).hasSize(800);
			for (int t = 0; t < 16; t++) {
				assertThat(get(h, key("g", t, 49))).isNotNull();
			}
		}
	}

	@Test
	void aFailingWriteInAGroupDoesNotAffectTheOthers() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"))) {
			set(h, key("text"), v8String("t"));
			ExecutorService pool = Executors.newFixedThreadPool(16);
			AtomicInteger failures = new AtomicInteger();
			List<Future<?>> futures = new ArrayList<>();
			CountDownLatch start = new CountDownLatch(1);
			for (int t = 0; t < 16; t++) {
				int id = t;
				futures.add(pool.submit(() -> {
					start.await();
					for (int i = 0; i < 30; i++) {
						if ((id + i) % 3 == 0) {
							try {
								h.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("bad", id, i), v8String("x")),
										new Mutation(key("text"), MutationType.SUM, u64(1), 0))));
							}
							catch (KvMutationException ex) {
								failures.incrementAndGet();
							}
						}
						else {
							set(h, key("good", id, i), v8String("y"));
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(failures.get()).isEqualTo(160);
			assertThat(TestData.list(h, key("bad"))).isEmpty();
			assertThat(TestData.list(h, key("good"))).hasSize(480 - 160);
		}
	}

	@Test
	void checksInsideAGroupSeeEarlierWritesOfTheSameGroup() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"))) {
			// 16 threads race to create the same key with a "must not exist" check: exactly one wins.
			for (int round = 0; round < 20; round++) {
				byte[] k = key("once", round);
				ExecutorService pool = Executors.newFixedThreadPool(16);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Boolean>> futures = new ArrayList<>();
				for (int t = 0; t < 16; t++) {
					futures.add(pool.submit(() -> {
						start.await();
						return h.atomicWrite(new AtomicWrite(List.of(new Check(k, null)),
								List.of(Mutation.set(k, v8String("w"))), List.of())).ok();
					}));
				}
				start.countDown();
				int winners = 0;
				for (Future<Boolean> f : futures) {
					winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
				}
				pool.shutdown();
				assertThat(winners).as("round " + round).isEqualTo(1);
			}
		}
	}

	@Test
	void commitListenersSeeEveryVersionChange() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"))) {
			List<long[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
			h.transactions().addCommitListener((version, enqueued) -> seen.add(new long[] { version, enqueued ? 1 : 0 }));
			CommitResult.Committed c = set(h, key("a"), v8String("a"));
			assertThat(seen).hasSize(1);
			assertThat(seen.get(0)).containsExactly(c.versionstamp().version(), 0);
			CommitResult.Committed e = (CommitResult.Committed) h.atomicWrite(new AtomicWrite(List.of(), List.of(),
					List.of(new dev.denokv.handler.Enqueue(v8String("m").data(), 0, List.of(), null))));
			assertThat(seen.get(1)).containsExactly(e.versionstamp().version(), 1);
			// A failed check changes nothing and tells nobody.
			h.atomicWrite(new AtomicWrite(List.of(new Check(key("a"), null)), List.of(), List.of()));
			assertThat(seen).hasSize(2);
		}
	}

	@Test
	void closedHandlerRejectsCalls() {
		SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"));
		h.close();
		h.close();
		assertThatThrownBy(() -> set(h, key("a"), v8String("a"))).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> get(h, key("a"))).isInstanceOf(KvClosedException.class);
	}

	@Test
	void twoHandlersOnOneFileLoseNoWrite() throws Exception {
		Path file = this.dir.resolve("two.sqlite3");
		try (SqliteDatabaseHandler a = SqliteDatabaseHandler.open(file);
				SqliteDatabaseHandler b = SqliteDatabaseHandler.open(file)) {
			ExecutorService pool = Executors.newFixedThreadPool(8);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				SqliteDatabaseHandler h = (t % 2 == 0) ? a : b;
				int id = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 100; i++) {
						h.atomicWrite(AtomicWrite.of(List.of(new Mutation(key("n"), MutationType.SUM, u64(1), 0),
								Mutation.set(key("w", id, i), v8String("x")))));
					}
				}));
			}
			for (Future<?> f : futures) {
				f.get(120, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(get(a, key("n")).value()).isEqualTo(u64(800));
			assertThat(get(b, key("n")).value()).isEqualTo(u64(800));
			Set<Versionstamp> stamps = new HashSet<>();
			TestData.list(a, key("w")).forEach((e) -> stamps.add(e.versionstamp()));
			assertThat(TestData.list(b, key("w"))).hasSize(800);
		}
	}

	@Test
	void aWriteTaskThatWaitsForAnotherWriteIsRefusedAndLeavesNoTrace() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("g.sqlite3"))) {
			SqliteTransactions tx = h.transactions();
			assertThatThrownBy(() -> tx.write((c) -> {
				try (var st = c.createStatement()) {
					st.execute("insert into kv (k, v, v_encoding, version) values (x'02', x'00', 2, 1)");
				}
				return tx.write((inner) -> 1);
			})).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("must not wait for another write of the same database");
			// The outer transaction rolled back as a whole, and the writer works on.
			int rows = tx.read((c) -> {
				try (var st = c.createStatement(); var rs = st.executeQuery("select count(*) from kv")) {
					rs.next();
					return rs.getInt(1);
				}
			});
			assertThat(rows).isZero();
			set(h, key("after"), v8String("v"));
			assertThat(get(h, key("after"))).isNotNull();
		}
	}

}
