package dev.denokv.sqlite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code :memory:} works, is private to its handler, and is safe under concurrency. */
class InMemoryTest {

	@Test
	void readsAndWritesInMemory() {
		try (SqliteDatabaseHandler a = SqliteDatabaseHandler.openInMemory();
				SqliteDatabaseHandler b = SqliteDatabaseHandler.openInMemory()) {
			set(a, key("k"), v8String("v"));
			assertThat(get(a, key("k")).value()).isEqualTo(v8String("v"));
			assertThat(get(b, key("k"))).as("each in-memory handler is its own database").isNull();
		}
	}

	@Test
	void concurrentReadersAndWritersInMemory() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.openInMemory()) {
			ExecutorService pool = Executors.newFixedThreadPool(8);
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int id = t;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 200; i++) {
						h.atomicWrite(AtomicWrite.of(List.of(new Mutation(key("n"), MutationType.SUM, u64(1), 0))));
						set(h, key("t", id), v8String("x"));
						get(h, key("n"));
					}
				}));
			}
			for (Future<?> f : futures) {
				f.get(60, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(get(h, key("n")).value()).isEqualTo(u64(1600));
		}
	}

}
