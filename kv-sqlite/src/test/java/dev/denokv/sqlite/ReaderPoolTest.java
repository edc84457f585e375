package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read-connection pool hands every slot on, including one freed by a failed read. */
class ReaderPoolTest {

	@TempDir
	Path dir;

	@Test
	void aReaderWaitingForAFullPoolGetsTheSlotOfAFailedRead() throws Exception {
		String url = "jdbc:sqlite:" + this.dir.resolve("p.sqlite3");
		try (ReaderPool pool = new ReaderPool(() -> DriverManager.getConnection(url), 1)) {
			CountDownLatch holding = new CountDownLatch(1);
			CountDownLatch fail = new CountDownLatch(1);
			CompletableFuture<Object> failing = CompletableFuture.supplyAsync(() -> pool.read((session) -> {
				holding.countDown();
				awaitQuietly(fail);
				throw new IllegalStateException("the read fails");
			}));
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> pool.read((session) -> 42));
			Thread.sleep(150); // the second reader is now waiting for the only slot
			assertThat(waiting).isNotDone();
			fail.countDown();
			assertThatThrownBy(failing::join).hasRootCauseMessage("the read fails");
			// The failed session was closed, not given back: its slot must still reach the waiter.
			assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(42);
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
