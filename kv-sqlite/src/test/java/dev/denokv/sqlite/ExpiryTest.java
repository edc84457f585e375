package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.Versionstamp;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.list;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Better than Deno: an expired key is never returned, by get, list, checks or numeric mutations,
 * even before the sweeper deletes it; the sweeper then deletes it and moves the version by 1.
 */
class ExpiryTest {

	@TempDir
	Path dir;

	@Test
	void expiredKeysAreHiddenAtOnceAndSweptLater() throws Exception {
		// A sweep interval far longer than the test, so that only hiding is at work at first.
		SqliteOptions options = SqliteOptions.file(this.dir.resolve("e.sqlite3")).withExpirySweepInterval(Duration.ofHours(1));
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			h.sweepExpired();
			long soon = System.currentTimeMillis() + 300;
			h.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("e", "short"), v8String("S"), soon),
					Mutation.set(key("e", "long"), v8String("L"), System.currentTimeMillis() + 3_600_000),
					Mutation.set(key("e", "ctr"), u64(5), soon), Mutation.set(key("e", "none"), v8String("N")))));
			assertThat(list(h, key("e"))).hasSize(4);
			assertThat(get(h, key("e", "short"))).isNotNull();
			long deadline = System.currentTimeMillis() + 10_000;
			while (System.currentTimeMillis() <= soon && System.currentTimeMillis() < deadline) {
				Thread.sleep(20);
			}
			Thread.sleep(5);

			assertThat(get(h, key("e", "short"))).isNull();
			assertThat(list(h, key("e"))).extracting((e) -> TestData.HEX.formatHex(e.key()))
				.containsExactlyInAnyOrder(TestData.HEX.formatHex(key("e", "long")), TestData.HEX.formatHex(key("e", "none")));
			// A check treats the expired key as absent ...
			assertThat(h.atomicWrite(new AtomicWrite(List.of(new Check(key("e", "short"), null)), List.of(), List.of())).ok())
				.isTrue();
			// ... and so does a sum: it starts from the operand.
			h.atomicWrite(AtomicWrite.of(List.of(new Mutation(key("e", "ctr"), MutationType.SUM, u64(1), 0))));
			assertThat(get(h, key("e", "ctr")).value()).isEqualTo(u64(1));
			assertThat(rowCount(h)).as("the expired row is still in the table").isEqualTo(4);

			Versionstamp before = TestData.set(h, key("mark"), v8String("m")).versionstamp();
			assertThat(h.sweepExpired()).isEqualTo(1);
			assertThat(rowCount(h)).isEqualTo(4); // long, none, ctr (rewritten, no expiry), mark
			assertThat(version(h)).as("a sweep moves the version by exactly 1").isEqualTo(before.version() + 1);
			assertThat(h.sweepExpired()).isZero();
			assertThat(version(h)).isEqualTo(before.version() + 1);
		}
	}

	@Test
	void backgroundSweeperDeletesExpiredRows() throws Exception {
		SqliteOptions options = SqliteOptions.file(this.dir.resolve("e.sqlite3")).withExpirySweepInterval(Duration.ofMillis(50));
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			h.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("gone"), v8String("g"), System.currentTimeMillis() + 100))));
			long deadline = System.currentTimeMillis() + 10_000;
			while (rowCount(h) > 0 && System.currentTimeMillis() < deadline) {
				Thread.sleep(20);
			}
			assertThat(rowCount(h)).isZero();
		}
	}

	private static int rowCount(SqliteDatabaseHandler h) {
		return h.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select count(*) from kv")) {
				rs.next();
				return rs.getInt(1);
			}
		});
	}

	private static long version(SqliteDatabaseHandler h) {
		return h.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select version from data_version")) {
				rs.next();
				return rs.getLong(1);
			}
		});
	}

}
