package dev.denokv.sqlite;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.handler.WatchStream;

import static dev.denokv.sqlite.TestData.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler's background threads (expiry sweeper, watch poller, queue scheduler) are daemons
 * with the library's class loader, also when a thread with a web application's class loader
 * (a servlet request thread) is the one that starts them.
 */
class BackgroundThreadsTest {

	@TempDir
	Path dir;

	@Test
	void backgroundThreadsDoNotInheritTheCallersClassLoader() throws Exception {
		AtomicReference<SqliteDatabaseHandler> handler = new AtomicReference<>();
		AtomicReference<WatchStream> watch = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		try (URLClassLoader webapp = new URLClassLoader(new URL[0], null)) {
			Thread requestThread = new Thread(() -> {
				try {
					SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
					handler.set(h);
					watch.set(h.watch(List.of(key("w"))));
					h.nextQueueMessage(Duration.ofMillis(50));
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			});
			requestThread.setContextClassLoader(webapp);
			requestThread.start();
			requestThread.join(10_000);
		}
		try {
			assertThat(failure.get()).isNull();
			List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
				.filter((t) -> t.getName().startsWith("denokv-sqlite-") && t.isAlive())
				.toList();
			assertThat(threads).extracting(Thread::getName)
				.anyMatch((name) -> name.startsWith("denokv-sqlite-expiry-"))
				.anyMatch((name) -> name.startsWith("denokv-sqlite-watch-"))
				.anyMatch((name) -> name.startsWith("denokv-sqlite-queue-"));
			assertThat(threads).allSatisfy((thread) -> {
				assertThat(thread.isDaemon()).as(thread.getName()).isTrue();
				assertThat(thread.getContextClassLoader()).as(thread.getName())
					.isSameAs(NamedThreadFactory.class.getClassLoader());
			});
		}
		finally {
			if (watch.get() != null) {
				watch.get().close();
			}
			if (handler.get() != null) {
				handler.get().close();
			}
		}
	}

}
