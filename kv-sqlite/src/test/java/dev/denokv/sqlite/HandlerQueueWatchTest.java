package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue delivery and watch through the handler (the queue and watch classes have their own
 * tests): enqueue in an atomic write, retry and dead-lettering, redelivery after a restart, and a
 * watch that sees writes made through another handler on the same file.
 */
class HandlerQueueWatchTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private SqliteOptions options() {
		return SqliteOptions.file(this.dir.resolve("qw.sqlite3"))
			.withQueue(new SqliteQueueSettings(Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofMillis(100)))
			.withWatchPollInterval(Duration.ofMillis(50));
	}

	@Test
	void failedMessageIsRetriedThenDeadLettered() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options())) {
			h.atomicWrite(new AtomicWrite(List.of(), List.of(),
					List.of(new Enqueue(v8String("m").data(), 0, List.of(key("dead", "letter")), List.of(50)))));
			QueueMessage first = h.nextQueueMessage(WAIT);
			assertThat(first.payload()).isEqualTo(v8String("m").data());
			first.finish(false);
			QueueMessage retry = h.nextQueueMessage(WAIT);
			assertThat(retry.payload()).isEqualTo(v8String("m").data());
			retry.finish(false);
			assertThat(h.nextQueueMessage(Duration.ofMillis(200))).isNull();
			RawEntry dead = get(h, key("dead", "letter"));
			assertThat(dead).isNotNull();
			assertThat(dead.value()).isEqualTo(v8String("m"));
		}
	}

	@Test
	void unfinishedMessageIsRedeliveredAfterRestart() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options())) {
			h.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of(new Enqueue(v8String("r").data(), 0, List.of(), null))));
			assertThat(h.nextQueueMessage(WAIT)).isNotNull(); // taken, never finished: the process "dies"
		}
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options())) {
			QueueMessage again = h.nextQueueMessage(WAIT);
			assertThat(again).isNotNull();
			assertThat(again.payload()).isEqualTo(v8String("r").data());
			again.finish(true);
			assertThat(h.nextQueueMessage(Duration.ofMillis(200))).isNull();
		}
	}

	@Test
	void watchSeesWritesOfThisAndOfAnotherHandler() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options());
				SqliteDatabaseHandler other = SqliteDatabaseHandler.open(options());
				WatchStream watch = h.watch(List.of(key("w")))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			set(h, key("w"), v8String("mine"));
			assertThat(watch.poll(WAIT).get(0).value()).isEqualTo(v8String("mine"));
			set(other, key("w"), v8String("theirs"));
			List<RawEntry> seen = watch.poll(WAIT);
			while (seen != null && !v8String("theirs").equals(seen.get(0).value())) {
				seen = watch.poll(WAIT);
			}
			assertThat(seen).isNotNull();
		}
	}

}
