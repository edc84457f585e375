package dev.denokv.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.KvU64;

import static org.assertj.core.api.Assertions.assertThat;

/** One template shared by many threads: atomic sums, check-and-retry transfers, reads while writing. */
public interface KvConcurrencyContract extends KvTemplateContract {

	int THREADS = 8;

	@Test
	default void concurrentSumsLoseNothing() throws Exception {
		KvKey counter = KvKey.of("counter");
		runConcurrently((thread) -> {
			for (int i = 0; i < 50; i++) {
				kv().atomic().sum(counter, 1).commit();
			}
		});
		assertThat(kv().get(counter, KvU64.class).value()).isEqualTo(KvU64.of(THREADS * 50));
	}

	/** denokv's bank benchmark as a test: transfers with getMany + check + set keep the total. */
	@Test
	default void checkedTransfersKeepTheTotal() throws Exception {
		int accounts = 5;
		long initial = 1000;
		for (int i = 0; i < accounts; i++) {
			kv().set(KvKey.of("account", i), KvU64.of(initial));
		}
		AtomicInteger committed = new AtomicInteger();
		AtomicInteger conflicts = new AtomicInteger();
		runConcurrently((thread) -> {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			for (int n = 0; n < 25; n++) {
				int from = random.nextInt(accounts);
				int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
				long amount = random.nextInt(1, 20);
				for (int attempt = 0; attempt < 1000; attempt++) {
					List<KvEntry<KvU64>> both = kv().getMany(List.of(KvKey.of("account", from), KvKey.of("account", to)),
							KvU64.class);
					long fromBalance = both.get(0).value().bits();
					if (fromBalance < amount) {
						break;
					}
					KvCommitResult result = kv().atomic()
						.check(both.get(0))
						.check(both.get(1))
						.set(both.get(0).key(), KvU64.of(fromBalance - amount))
						.set(both.get(1).key(), KvU64.of(both.get(1).value().bits() + amount))
						.commit();
					if (result.ok()) {
						committed.incrementAndGet();
						break;
					}
					conflicts.incrementAndGet();
				}
			}
		});
		BigInteger total = kv().list(KvListSelector.prefix(KvKey.of("account")), KvU64.class)
			.stream()
			.map((e) -> e.value().value())
			.reduce(BigInteger.ZERO, BigInteger::add);
		assertThat(total).isEqualTo(BigInteger.valueOf(accounts * initial));
		assertThat(committed.get()).isPositive();
	}

	@Test
	default void listsSeeConsistentBatchesWhileOthersWrite() throws Exception {
		for (int i = 0; i < 200; i++) {
			kv().set(KvKey.of("item", i), i);
		}
		runConcurrently((thread) -> {
			if (thread % 2 == 0) {
				for (int i = 0; i < 50; i++) {
					kv().set(KvKey.of("item", 1000 + thread * 100 + i), i);
				}
			}
			else {
				for (int round = 0; round < 3; round++) {
					long count = kv().list(KvListSelector.prefix(KvKey.of("item")), Object.class,
							KvListOptions.defaults().batchSize(37)).stream().count();
					assertThat(count).isBetween(200L, 400L);
				}
			}
		});
	}

	/** Runs {@code work(threadIndex)} on {@value #THREADS} threads at once and rethrows any failure. */
	private void runConcurrently(ThreadWork work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				futures.add(pool.submit(() -> {
					work.run(thread);
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	interface ThreadWork {

		void run(int thread) throws Exception;

	}

}
