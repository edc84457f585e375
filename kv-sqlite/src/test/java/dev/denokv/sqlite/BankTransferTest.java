package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.model.KvU64;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.u64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts hold KvU64 balances; many threads move random amounts between random accounts with
 * read, check-and-set, retry loops (optimistic concurrency, as Deno apps do). Concurrent commits
 * are grouped, so checks inside one group must see the writes ordered before them. At the end
 * the total is unchanged and every transfer reported as committed is reflected in the balances.
 * Also runs with two handlers on the same file (two connections competing for the write lock).
 */
class BankTransferTest {

	private static final int ACCOUNTS = 10;

	private static final long INITIAL = 1_000;

	private static final int THREADS = 12;

	private static final int TRANSFERS_PER_THREAD = 60;

	record Transfer(int from, int to, long amount) {
	}

	@Test
	void totalIsPreservedWithOneHandler(@TempDir Path dir) throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(dir.resolve("bank.sqlite3"))) {
			runBank(new SqliteDatabaseHandler[] { h });
		}
	}

	@Test
	void totalIsPreservedWithTwoHandlersOnOneFile(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("bank.sqlite3");
		try (SqliteDatabaseHandler a = SqliteDatabaseHandler.open(file);
				SqliteDatabaseHandler b = SqliteDatabaseHandler.open(file)) {
			runBank(new SqliteDatabaseHandler[] { a, b });
		}
	}

	@Test
	void totalIsPreservedInMemory() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.openInMemory()) {
			runBank(new SqliteDatabaseHandler[] { h });
		}
	}

	private void runBank(SqliteDatabaseHandler[] handlers) throws Exception {
		List<Mutation> init = new ArrayList<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			init.add(Mutation.set(account(i), u64(INITIAL)));
		}
		handlers[0].atomicWrite(AtomicWrite.of(init));
		ConcurrentLinkedQueue<Transfer> committed = new ConcurrentLinkedQueue<>();
		AtomicInteger conflicts = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				SqliteDatabaseHandler h = handlers[t % handlers.length];
				futures.add(pool.submit(() -> {
					for (int n = 0; n < TRANSFERS_PER_THREAD; n++) {
						transfer(h, committed, conflicts);
					}
					return null;
				}));
			}
			for (Future<?> f : futures) {
				f.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		long[] expected = new long[ACCOUNTS];
		java.util.Arrays.fill(expected, INITIAL);
		for (Transfer t : committed) {
			expected[t.from()] -= t.amount();
			expected[t.to()] += t.amount();
		}
		long total = 0;
		for (int i = 0; i < ACCOUNTS; i++) {
			long balance = balance(handlers[handlers.length - 1], i).value().longValueExact();
			assertThat(balance).as("account " + i).isEqualTo(expected[i]);
			total += balance;
		}
		assertThat(total).isEqualTo(ACCOUNTS * INITIAL);
		assertThat(committed).hasSize(THREADS * TRANSFERS_PER_THREAD);
	}

	/** One transfer, retried until it commits (bounded). */
	private static void transfer(SqliteDatabaseHandler h, ConcurrentLinkedQueue<Transfer> committed, AtomicInteger conflicts) {
		ThreadLocalRandom rnd = ThreadLocalRandom.current();
		int from = rnd.nextInt(ACCOUNTS);
		int to = (from + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
		for (int attempt = 0; attempt < 10_000; attempt++) {
			List<RawEntry> both = h.snapshotRead(List.of(ReadRange.single(account(from)), ReadRange.single(account(to))),
					Consistency.STRONG).stream().map((o) -> o.entries().get(0)).toList();
			long fromBalance = KvU64.fromLittleEndian(both.get(0).value().data()).bits();
			long toBalance = KvU64.fromLittleEndian(both.get(1).value().data()).bits();
			long amount = (fromBalance == 0) ? 0 : 1 + rnd.nextLong(Math.min(fromBalance, 50));
			AtomicWrite write = new AtomicWrite(
					List.of(new Check(account(from), both.get(0).versionstamp()), new Check(account(to), both.get(1).versionstamp())),
					List.of(Mutation.set(account(from), u64(fromBalance - amount)), Mutation.set(account(to), u64(toBalance + amount))),
					List.of());
			CommitResult result = h.atomicWrite(write);
			if (result.ok()) {
				committed.add(new Transfer(from, to, amount));
				return;
			}
			conflicts.incrementAndGet();
		}
		throw new AssertionError("transfer did not commit in 10000 attempts");
	}

	private static KvU64 balance(SqliteDatabaseHandler h, int account) {
		return KvU64.fromLittleEndian(TestData.get(h, account(account)).value().data());
	}

	private static byte[] account(int i) {
		return key("account", i);
	}

}
