package dev.denokv.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.denokv.core.KvEntry;
import dev.denokv.core.KvListIterator;
import dev.denokv.core.KvOperations;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.KvU64;
import dev.denokv.model.Versionstamp;

/**
 * The reference workload of {@code shared/bench/workload.md}, phase by phase, through
 * {@link KvOperations}. Every check of the workload is enforced: a miss, a failed atomic, a wrong
 * counter or a short list fails the run.
 */
final class Workload {

	static final int ATOMICS = 2_000;

	private static final int SUMS = 10_000;

	private static final int IN_FLIGHT = 16;

	private final KvOperations kv;

	private final int n;

	private final Map<String, PhaseResult> phases = new LinkedHashMap<>();

	Workload(KvOperations kv, int n) {
		this.kv = kv;
		this.n = n;
	}

	Map<String, PhaseResult> run() throws Exception {
		int[] order = shuffled(this.n);
		Versionstamp[] stamps = new Versionstamp[this.n];
		phase("a_set_seq", this.n, () -> {
			for (int i = 0; i < this.n; i++) {
				this.kv.set(userKey(i), BenchUser.of(i));
			}
		});
		phase("b_get_seq", this.n, () -> {
			for (int j : order) {
				check(this.kv.get(userKey(j), BenchUser.class).value() != null, "get miss " + j);
			}
		});
		phase("c_getMany_10", this.n, () -> {
			for (int b = 0; b < this.n; b += 10) {
				List<KvKey> keys = new ArrayList<>(10);
				for (int k = b; k < Math.min(b + 10, this.n); k++) {
					keys.add(userKey(order[k]));
				}
				for (KvEntry<BenchUser> e : this.kv.getMany(keys, BenchUser.class)) {
					check(e.value() != null, "getMany miss");
				}
			}
		});
		phase("d_list_full", this.n, () -> {
			int count = 0;
			KvListIterator<BenchUser> it = this.kv.list(KvListSelector.prefix(KvKey.of("bench", "user")), BenchUser.class);
			while (it.hasNext()) {
				KvEntry<BenchUser> e = it.next();
				// By the key's last part, as the Deno script does (e.key[2]): Java decodes keys lazily,
				// so indexing by the value would skip work Deno does for every entry.
				stamps[((Number) e.key().part(2)).intValue()] = e.versionstamp();
				count++;
			}
			check(count == this.n, "short list " + count);
		});
		phase("e_atomic_1c2m", ATOMICS, () -> {
			for (int i = 0; i < ATOMICS; i++) {
				boolean ok = this.kv.atomic()
					.check(userKey(i), stamps[i])
					.set(userKey(i), BenchUser.of(i).withScore(-1))
					.set(KvKey.of("bench", "aux", i), i)
					.commit()
					.ok();
				check(ok, "atomic " + i);
			}
		});
		phase("f_sum_u64", SUMS, () -> {
			KvKey counter = KvKey.of("bench", "counter");
			for (int i = 0; i < SUMS; i++) {
				check(this.kv.atomic().sum(counter, KvU64.of(1)).commit().ok(), "sum");
			}
			KvU64 total = this.kv.get(counter, KvU64.class).value();
			check(KvU64.of(SUMS).equals(total), "counter " + total);
		});
		phase("g_set_conc16", this.n, this::setsWithFuturesInFlight);
		phase("g_set_conc16_threads", this.n, this::setsFromThreads);
		return this.phases;
	}

	/**
	 * Deno's form of the phase: 16 writers that each start the next write when the previous one
	 * completes, all on futures (Deno: 16 async functions awaiting {@code kv.set} on one event
	 * loop). Stages run on whichever thread completes the write; no thread waits per write.
	 */
	private void setsWithFuturesInFlight() throws Exception {
		AtomicInteger next = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(IN_FLIGHT);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int w = 0; w < IN_FLIGHT; w++) {
			writeNext(next, finished, failure);
		}
		check(finished.await(10, TimeUnit.MINUTES), "conc16 timed out");
		check(failure.get() == null, "conc16 set failed: " + failure.get());
	}

	/** One asynchronous writer: a loop while writes complete at once, a callback otherwise. */
	private void writeNext(AtomicInteger next, CountDownLatch finished, AtomicReference<Throwable> failure) {
		while (true) {
			int i = next.getAndIncrement();
			if (i >= this.n || failure.get() != null) {
				finished.countDown();
				return;
			}
			CompletableFuture<?> write = this.kv.setAsync(KvKey.of("bench", "conc", i), BenchUser.of(i));
			if (!write.isDone()) {
				write.whenComplete((result, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
					writeNext(next, finished, failure);
				});
				return;
			}
			write.exceptionally((ex) -> {
				failure.compareAndSet(null, ex);
				return null;
			});
		}
	}

	/** The same writes from 16 threads calling the blocking {@code set} (keys {@code conc_t}). */
	private void setsFromThreads() throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < IN_FLIGHT; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < this.n; i = next.getAndIncrement()) {
						this.kv.set(KvKey.of("bench", "conc_t", i), BenchUser.of(i));
					}
					return null;
				}));
			}
			for (Future<?> w : workers) {
				w.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private void phase(String name, int ops, Body body) throws Exception {
		long t0 = System.nanoTime();
		body.run();
		double ms = (System.nanoTime() - t0) / 1e6;
		this.phases.put(name, new PhaseResult(ops, ms));
	}

	private static KvKey userKey(int i) {
		return KvKey.of("bench", "user", i);
	}

	private static void check(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("benchmark check failed: " + what);
		}
	}

	/** The workload's shuffled order: xorshift32 seeded with 42, Fisher-Yates from the end. */
	static int[] shuffled(int n) {
		int[] a = new int[n];
		for (int i = 0; i < n; i++) {
			a[i] = i;
		}
		int x = 42;
		for (int i = n - 1; i >= 1; i--) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			int j = (int) (Integer.toUnsignedLong(x) % (i + 1));
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
		return a;
	}

	@FunctionalInterface
	private interface Body {

		void run() throws Exception;

	}

	record PhaseResult(int ops, double ms) {

		long opsPerSec() {
			return Math.round(this.ops / (this.ms / 1000));
		}

	}

}
