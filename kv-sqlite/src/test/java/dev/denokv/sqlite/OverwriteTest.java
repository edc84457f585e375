package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes over existing rows store exactly what an upsert would (value, version, expiry), whichever
 * of the insert, keep-expiry and change-expiry statements runs; and an overwrite that keeps the
 * expiry leaves the expiry index alone, so a sum commits two pages instead of three.
 */
class OverwriteTest {

	private static final int WAL_FRAME = 24 + 4096;

	@TempDir
	Path dir;

	@Test
	void everyOverwriteStoresTheNewValueVersionAndExpiry() throws Exception {
		SqliteOptions options = SqliteOptions.file(this.dir.resolve("o.sqlite3")).withExpirySweepInterval(Duration.ofHours(1));
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			long later = System.currentTimeMillis() + 3_600_000;
			byte[] k = key("o");
			write(h, Mutation.set(k, v8String("a")));
			assertThat(expiration(h, k)).isEqualTo(-1);
			write(h, Mutation.set(k, v8String("b"), later));
			assertThat(expiration(h, k)).isEqualTo(later);
			write(h, Mutation.set(k, v8String("c"), later));
			assertThat(expiration(h, k)).isEqualTo(later);
			long version = write(h, Mutation.set(k, v8String("d")));
			assertThat(expiration(h, k)).isEqualTo(-1);
			assertThat(get(h, k).value()).isEqualTo(v8String("d"));
			assertThat(get(h, k).versionstamp().version()).isEqualTo(version);

			// A row that expired but was not swept yet is overwritten, with the new expiry.
			long soon = System.currentTimeMillis() + 50;
			write(h, Mutation.set(k, v8String("e"), soon));
			while (System.currentTimeMillis() <= soon + 5) {
				Thread.sleep(10);
			}
			assertThat(get(h, k)).isNull();
			write(h, Mutation.set(k, v8String("f"), later));
			assertThat(get(h, k).value()).isEqualTo(v8String("f"));
			assertThat(expiration(h, k)).isEqualTo(later);

			// A sum clears the expiry, whether the row had one or not.
			byte[] counter = key("n");
			write(h, Mutation.set(counter, u64(1), later));
			write(h, new Mutation(counter, MutationType.SUM, u64(2), 0));
			assertThat(expiration(h, counter)).isEqualTo(-1);
			version = write(h, new Mutation(counter, MutationType.SUM, u64(3), 0));
			assertThat(get(h, counter).value()).isEqualTo(u64(6));
			assertThat(get(h, counter).versionstamp().version()).isEqualTo(version);
			assertThat(rowCount(h)).isEqualTo(2);
		}
	}

	@Test
	void aSumOnAnExistingCounterCommitsTwoPages() throws Exception {
		Path file = this.dir.resolve("s.sqlite3");
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			byte[] counter = key("counter");
			write(h, new Mutation(counter, MutationType.SUM, u64(1), 0));
			long walBefore = Files.size(Path.of(file + "-wal"));
			int commits = 100;
			for (int i = 0; i < commits; i++) {
				write(h, new Mutation(counter, MutationType.SUM, u64(1), 0));
			}
			long frames = (Files.size(Path.of(file + "-wal")) - walBefore) / WAL_FRAME;
			// The kv row's page and the data_version page; not the expiry index's page too.
			assertThat(frames).isEqualTo(2L * commits);
			assertThat(get(h, counter).value()).isEqualTo(u64(commits + 1));
		}
	}

	private static long write(SqliteDatabaseHandler h, Mutation mutation) {
		return ((CommitResult.Committed) h.atomicWrite(AtomicWrite.of(List.of(mutation)))).versionstamp().version();
	}

	private static long expiration(SqliteDatabaseHandler h, byte[] key) {
		Long expiration = h.transactions().read((c) -> {
			try (var ps = c.prepareStatement("select expiration_ms from kv where k = ?")) {
				ps.setBytes(1, key);
				try (var rs = ps.executeQuery()) {
					return rs.next() ? rs.getLong(1) : null;
				}
			}
		});
		return expiration;
	}

	private static int rowCount(SqliteDatabaseHandler h) {
		Integer count = h.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select count(*) from kv")) {
				rs.next();
				return rs.getInt(1);
			}
		});
		return count;
	}

}
