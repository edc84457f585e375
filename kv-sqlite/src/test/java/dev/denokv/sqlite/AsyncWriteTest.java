package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.error.KvClosedException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.Versionstamp;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asynchronous writes join the group commit: order, sharing with blocking writers, close. */
class AsyncWriteTest {

	private static final long TIMEOUT_SECONDS = 60;

	@TempDir
	Path dir;

	@Test
	void writesSubmittedFromOneThreadCommitInSubmissionOrder() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("a.sqlite3"))) {
			List<CompletableFuture<CommitResult>> writes = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				writes.add(h.atomicWriteAsync(setWrite(key("a", i), "v" + i)));
			}
			Versionstamp previous = null;
			for (CompletableFuture<CommitResult> write : writes) {
				Versionstamp stamp = ((CommitResult.Committed) write.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).versionstamp();
				if (previous != null) {
					assertThat(stamp).isGreaterThan(previous);
				}
				previous = stamp;
			}
			assertThat(get(h, key("a", 299)).versionstamp()).isEqualTo(previous);
		}
	}

	@Test
	void blockingAndAsynchronousWritersShareTheGroups() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("b.sqlite3"))) {
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<?>> blocking = new ArrayList<>();
				for (int t = 0; t < 8; t++) {
					int id = t;
					blocking.add(pool.submit(() -> {
						for (int i = 0; i < 40; i++) {
							set(h, key("blocking", id, i), v8String("b"));
						}
					}));
				}
				List<CompletableFuture<CommitResult>> async = new ArrayList<>();
				for (int i = 0; i < 400; i++) {
					async.add(h.atomicWriteAsync(setWrite(key("async", i), "a")));
				}
				for (Future<?> f : blocking) {
					f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
				}
				CompletableFuture.allOf(async.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			finally {
				pool.shutdown();
			}
			assertThat(TestData.list(h, key("blocking"))).hasSize(320);
			assertThat(TestData.list(h, key("async"))).hasSize(400);
		}
	}

	@Test
	void aStageMayWriteAgainOnTheThreadThatCompletedIt() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("c.sqlite3"))) {
			CompletableFuture<CommitResult> chained = h.atomicWriteAsync(setWrite(key("first"), "1"))
				.thenApply((first) -> set(h, key("second"), v8String("2")));
			assertThat(chained.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(CommitResult.Committed.class);
			assertThat(get(h, key("second"))).isNotNull();
		}
	}

	@Test
	void closeCompletesEveryQueuedWriteAndLaterOnesFail() throws Exception {
		SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("d.sqlite3"));
		List<CompletableFuture<CommitResult>> writes = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			writes.add(h.atomicWriteAsync(setWrite(key("d", i), "v")));
		}
		h.close();
		for (CompletableFuture<CommitResult> write : writes) {
			// Committed before the close, or failed by it; never left waiting.
			try {
				assertThat(write.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(CommitResult.Committed.class);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(KvClosedException.class);
			}
		}
		assertThatThrownBy(() -> h.atomicWriteAsync(setWrite(key("late"), "v")).join())
			.isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(KvClosedException.class);
	}

	@Test
	void theWriterThreadIsALibraryDaemon() throws Exception {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("e.sqlite3"))) {
			Thread writer = h.atomicWriteAsync(setWrite(key("e"), "v"))
				.thenApply((result) -> Thread.currentThread())
				.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			assertThat(writer.getName()).isEqualTo("denokv-sqlite-writer");
			assertThat(writer.isDaemon()).isTrue();
			assertThat(writer.getContextClassLoader()).isSameAs(NamedThreadFactory.class.getClassLoader());
		}
	}

	private static AtomicWrite setWrite(byte[] key, String value) {
		return AtomicWrite.of(List.of(new Mutation(key, MutationType.SET, v8String(value), 0)));
	}

}
