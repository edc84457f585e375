package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.core.KvEnqueueOptions;
import dev.denokv.core.KvTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What a template writes into the SQLite file, where the stored rows show it. */
class KvTemplateOnSqliteTest {

	@TempDir
	Path dir;

	private SqliteDatabaseHandler handler;

	private KvTemplate kv;

	@BeforeEach
	void open() {
		this.handler = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
		this.kv = new KvTemplate(this.handler);
	}

	@AfterEach
	void close() {
		this.kv.close();
	}

	@Test
	void fractionalBackoffIntervalsAreStoredTruncatedAsDenoStoresThem() {
		// Deno 2.9.5: kv.enqueue(1, { backoffSchedule: [1.5, 2.9] }) -> backoff_schedule "[1,2]".
		this.kv.enqueue(1, KvEnqueueOptions.defaults()
			.backoffSchedule(Duration.ofNanos(1_500_000), Duration.ofNanos(2_900_000))
			.delay(Duration.ofHours(1)));
		String stored = this.handler.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select backoff_schedule from queue")) {
				return rs.next() ? rs.getString(1) : null;
			}
		});
		assertThat(stored).isEqualTo("[1,2]");
	}

}
