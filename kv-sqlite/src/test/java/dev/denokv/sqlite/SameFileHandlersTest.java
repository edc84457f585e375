package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two handlers of one JVM on one file count as "others" for each other (the process's
 * {@code /proc/locks} entries cannot tell them apart), so neither keeps the write lock from the
 * other.
 */
class SameFileHandlersTest {

	@TempDir
	Path dir;

	@Test
	void handlersAreCountedPerFileUntilClosed() throws Exception {
		Path a = Files.createFile(this.dir.resolve("a"));
		Path b = Files.createFile(this.dir.resolve("b"));
		try (SameFileHandlers.Registration first = SameFileHandlers.register(a);
				SameFileHandlers.Registration other = SameFileHandlers.register(b)) {
			assertThat(first.othersOpen()).isFalse();
			SameFileHandlers.Registration second = SameFileHandlers.register(this.dir.resolve(".").resolve("a"));
			assertThat(first.othersOpen()).isTrue();
			assertThat(other.othersOpen()).as("another file").isFalse();
			second.close();
			second.close(); // idempotent
			assertThat(first.othersOpen()).isFalse();
		}
	}

	@Test
	void aSecondHandlerGetsItsWritesInWhileTheFirstWritesWithoutPause() throws Exception {
		Path file = this.dir.resolve("shared.sqlite3");
		try (SqliteDatabaseHandler busy = SqliteDatabaseHandler.open(file);
				SqliteDatabaseHandler other = SqliteDatabaseHandler.open(file)) {
			AtomicBoolean stop = new AtomicBoolean();
			ExecutorService pool = Executors.newFixedThreadPool(4);
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int id = t;
				writers.add(pool.submit(() -> {
					// Bounded in count and time.
					long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
					for (int i = 0; i < 200_000 && !stop.get() && System.nanoTime() < end; i++) {
						set(busy, key("busy", id), v8String("v" + i));
					}
				}));
			}
			try {
				Thread.sleep(200); // the first handler is now committing back to back
				long slowest = 0;
				for (int i = 0; i < 15; i++) {
					long start = System.nanoTime();
					set(other, key("other", i), v8String("x"));
					slowest = Math.max(slowest, System.nanoTime() - start);
				}
				// A guard, not a reproduction: on this machine the other handler also got through
				// without the registry, once the first had seen it write and taken turns.
				assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).isLessThan(2_000);
			}
			finally {
				stop.set(true);
				for (Future<?> f : writers) {
					f.get(30, TimeUnit.SECONDS);
				}
				pool.shutdown();
			}
		}
	}

}
