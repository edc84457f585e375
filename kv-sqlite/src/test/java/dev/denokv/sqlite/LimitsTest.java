package dev.denokv.sqlite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.denokv.core.KvLimits;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.ReadRange;
import dev.denokv.model.RawValue;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every limit the handler enforces, at the boundary, with Deno's messages (kv-format.md §7). */
class LimitsTest {

	private final SqliteDatabaseHandler handler = SqliteDatabaseHandler.openInMemory();

	@AfterEach
	void close() {
		this.handler.close();
	}

	@Test
	void readRanges() {
		List<ReadRange> ten = Collections.nCopies(10, ReadRange.single(key("a")));
		assertThat(this.handler.snapshotRead(ten, Consistency.STRONG)).hasSize(10);
		rejected(() -> this.handler.snapshotRead(Collections.nCopies(11, ReadRange.single(key("a"))), Consistency.STRONG),
				"Too many ranges (max 10)");
		List<ReadRange> thousand = List.of(new ReadRange(key("a"), key("b"), 500, false), new ReadRange(key("a"), key("b"), 500, true));
		assertThat(this.handler.snapshotRead(thousand, Consistency.EVENTUAL)).hasSize(2);
		rejected(() -> this.handler.snapshotRead(List.of(new ReadRange(key("a"), key("b"), 1001, false)), Consistency.STRONG),
				"Too many entries (max 1000)");
		this.handler.snapshotRead(List.of(new ReadRange(new byte[2049], new byte[2049], 1, false)), Consistency.STRONG);
		rejected(() -> this.handler.snapshotRead(List.of(new ReadRange(new byte[] { 1 }, new byte[2050], 1, false)),
				Consistency.STRONG), "Key too large for read (max 2049 bytes)");
	}

	@Test
	void keySizesAndEmptyKeys() {
		commit(Mutation.set(bytesKey(2048), v8String("x")));
		rejected(() -> commit(Mutation.set(bytesKey(2049), v8String("x"))), "Key too large for write (max 2048 bytes)");
		rejected(() -> commit(Mutation.set(new byte[0], v8String("x"))), "key cannot be empty");
		rejected(() -> this.handler.atomicWrite(new AtomicWrite(List.of(new Check(new byte[0], null)), List.of(), List.of())),
				"key cannot be empty");
		rejected(() -> this.handler.atomicWrite(new AtomicWrite(List.of(new Check(bytesKey(2049), null)), List.of(), List.of())),
				"Key too large for write (max 2048 bytes)");
	}

	@Test
	void valueSize() {
		commit(Mutation.set(key("v"), RawValue.bytes(new byte[65536])));
		rejected(() -> commit(Mutation.set(key("v"), RawValue.bytes(new byte[65537]))), "Value too large (max 65536 bytes)");
	}

	@Test
	void checkAndMutationCounts() {
		List<Check> checks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			checks.add(new Check(key("c", i), null));
		}
		assertThat(this.handler.atomicWrite(new AtomicWrite(checks, List.of(), List.of())).ok()).isTrue();
		checks.add(new Check(key("c", 100), null));
		rejected(() -> this.handler.atomicWrite(new AtomicWrite(checks, List.of(), List.of())), "Too many checks (max 100)");
		List<Mutation> mutations = new ArrayList<>();
		for (int i = 0; i < 999; i++) {
			mutations.add(Mutation.delete(key("m", i)));
		}
		List<Enqueue> one = List.of(new Enqueue(v8String("q").data(), 0, List.of(), null));
		assertThat(this.handler.atomicWrite(new AtomicWrite(List.of(), mutations, one)).ok()).isTrue();
		mutations.add(Mutation.delete(key("m", 999)));
		rejected(() -> this.handler.atomicWrite(new AtomicWrite(List.of(), mutations, one)), "Too many mutations (max 1000)");
	}

	@Test
	void totalSizes() {
		// 13 values of 64000 bytes = 832000 bytes of payload > 819200.
		List<Mutation> big = new ArrayList<>();
		for (int i = 0; i < 13; i++) {
			big.add(Mutation.set(key("big", i), RawValue.bytes(new byte[64000])));
		}
		rejected(() -> this.handler.atomicWrite(AtomicWrite.of(big)), "Total mutation size too large (max 819200 bytes)");
		assertThat(this.handler.atomicWrite(AtomicWrite.of(big.subList(0, 12))).ok()).isTrue();
		// 41 keys of 2000 bytes with tiny values = 82000 key bytes > 81920 (payload 41 * 4002 < 819200).
		List<Mutation> keys = new ArrayList<>();
		for (int i = 0; i < 41; i++) {
			byte[] k = bytesKey(2000);
			k[1] = (byte) (i + 1);
			keys.add(Mutation.set(k, RawValue.bytes(new byte[1])));
		}
		rejected(() -> this.handler.atomicWrite(AtomicWrite.of(keys)), "Total key size too large (max 81920 bytes)");
		assertThat(this.handler.atomicWrite(AtomicWrite.of(keys.subList(0, 40))).ok()).isTrue();
	}

	@Test
	void enqueueLimits() {
		long now = System.currentTimeMillis();
		enqueue(new Enqueue(new byte[65536], now, List.of(), null));
		rejected(() -> enqueue(new Enqueue(new byte[65537], now, List.of(), null)), "enqueue payload too large (max 65536 bytes)");
		// 30 days, plus a day for a sender whose clock runs ahead of this one (KvLimits.maxClockSkew).
		enqueue(new Enqueue(new byte[1], now + 31L * 24 * 3600 * 1000 - 1000, List.of(), null));
		assertThatThrownBy(() -> enqueue(new Enqueue(new byte[1], System.currentTimeMillis() + 31L * 24 * 3600 * 1000 + 60_000,
				List.of(), null)))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessageStartingWith("Delay cannot be greater than 30 days: received ");
		enqueue(new Enqueue(new byte[1], now, List.of(), List.of(1, 2, 3, 4, 3_600_000)));
		rejected(() -> enqueue(new Enqueue(new byte[1], now, List.of(), List.of(1, 2, 3, 4, 5, 6))),
				"Invalid backoffSchedule, max 5 intervals allowed");
		rejected(() -> enqueue(new Enqueue(new byte[1], now, List.of(), List.of(1, 3_600_001))),
				"Invalid backoffSchedule, interval at index 1 is invalid");
		rejected(() -> enqueue(new Enqueue(new byte[1], now, List.of(), List.of(-1))),
				"Invalid backoffSchedule, interval at index 0 is invalid");
		rejected(() -> enqueue(new Enqueue(new byte[1], now, List.of(bytesKey(2049)), null)),
				"Key too large for write (max 2048 bytes)");
	}

	@Test
	void watchedKeys() {
		rejected(() -> this.handler.watch(Collections.nCopies(11, key("w"))), "Too many keys (max 10)");
		this.handler.watch(Collections.nCopies(10, key("w"))).close();
	}

	@Test
	void theLimitsComeFromTheOptions() {
		List<Mutation> mutations = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			mutations.add(Mutation.delete(key("m", i)));
		}
		rejected(() -> this.handler.atomicWrite(AtomicWrite.of(mutations)), "Too many mutations (max 1000)");
		try (SqliteDatabaseHandler wide = SqliteDatabaseHandler
			.open(SqliteOptions.inMemory().withLimits(KvLimits.deno().withMaxMutations(2000).withMaxValueSize(100_000)))) {
			assertThat(wide.atomicWrite(AtomicWrite.of(mutations)).ok()).isTrue();
			assertThat(wide.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("v"), RawValue.bytes(new byte[70_000])))))
				.ok()).isTrue();
			// More getMany keys than the prepared k in (...) statements cover are read one by one.
			List<ReadRange> points = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				points.add(ReadRange.single(key("v", i)));
			}
			points.add(ReadRange.single(key("v")));
			try (SqliteDatabaseHandler manyRanges = SqliteDatabaseHandler.open(SqliteOptions.inMemory()
				.withLimits(new KvLimits(2048, 2049, 65536, 20, 1000, 100, 1000, 819200, 81920, 10,
						java.time.Duration.ofDays(30), 5, java.time.Duration.ofHours(1))))) {
				manyRanges.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("v"), v8String("x")))));
				List<dev.denokv.handler.ReadRangeOutput> out = manyRanges.snapshotRead(points, Consistency.STRONG);
				assertThat(out).hasSize(13);
				assertThat(out.get(12).entries()).hasSize(1);
			}
		}
	}

	@Test
	void underAKvConnectServerTheHandlerAcceptsWhatDenokvAccepts() {
		try (SqliteDatabaseHandler served = SqliteDatabaseHandler
			.open(SqliteOptions.inMemory().withLimits(KvLimits.kvConnectBackend()))) {
			assertThat(served.atomicWrite(AtomicWrite.of(List.of(Mutation.set(new byte[0], v8String("x"))))).ok()).isTrue();
			assertThat(served.atomicWrite(new AtomicWrite(List.of(new Check(bytesKey(2049), null)), List.of(), List.of()))
				.ok()).isTrue();
			Enqueue six = new Enqueue(new byte[1], System.currentTimeMillis(), List.of(), Collections.nCopies(6, 1));
			assertThat(served.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of(six))).ok()).isTrue();
		}
	}

	private void commit(Mutation m) {
		assertThat(this.handler.atomicWrite(AtomicWrite.of(List.of(m))).ok()).isTrue();
	}

	private void enqueue(Enqueue e) {
		assertThat(this.handler.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of(e))).ok()).isTrue();
	}

	/** An encoded key of exactly {@code size} bytes: a bytes part {@code 01 <size-2 bytes> 00}. */
	private static byte[] bytesKey(int size) {
		byte[] k = new byte[size];
		k[0] = 1;
		for (int i = 1; i < size - 1; i++) {
			k[i] = 7;
		}
		return k;
	}

	private static void rejected(Runnable call, String message) {
		assertThatThrownBy(call::run).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
	}

}
