package dev.denokv.sqlite;

import java.nio.file.Path;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * The pauses that leave the write lock to other processes: none while alone on the file, one per
 * run while another process has it open, turns once it writes; and a Deno-like writer in another
 * process gets through while this handler writes without pause from four threads.
 */
class WriteLockFairnessTest {

	@TempDir
	Path dir;

	@Test
	void aWriterAloneOnItsFileNeverPauses() {
		WriteLockFairness fairness = new WriteLockFairness(() -> false);
		writeBackToBack(fairness, 3 * WriteLockFairness.RUN_NANOS);
		assertThat(fairness.pauses()).isZero();
	}

	@Test
	void backToBackTransactionsPauseOncePerRunWhileAnotherProcessHasTheFileOpen() {
		WriteLockFairness fairness = new WriteLockFairness(() -> true);
		writeBackToBack(fairness, 5 * WriteLockFairness.RUN_NANOS);
		assertThat(fairness.pauses()).isBetween(2L, 5L);
		assertThat(fairness.shared()).isFalse();
	}

	@Test
	void onceAnotherProcessIsSeenWritingTheyTakeTurns() {
		WriteLockFairness fairness = new WriteLockFairness(() -> false);
		fairness.afterTransaction(0, true);
		assertThat(fairness.shared()).isTrue();
		writeBackToBack(fairness, 5 * WriteLockFairness.RUN_NANOS);
		// Runs of 2 ms and pauses of 2 ms: about 25 in 100 ms (fewer on a busy machine).
		assertThat(fairness.pauses()).isGreaterThan(10);
	}

	@Test
	void aSlowBeginCountsAsContentionOnlyWithAnotherProcessOnTheFile() {
		WriteLockFairness alone = new WriteLockFairness(() -> false);
		alone.afterTransaction(WriteLockFairness.CONTENDED_BEGIN_NANOS * 10, false);
		assertThat(alone.shared()).isFalse();
		WriteLockFairness beside = new WriteLockFairness(() -> true);
		beside.afterTransaction(WriteLockFairness.CONTENDED_BEGIN_NANOS * 10, false);
		assertThat(beside.shared()).isTrue();
	}

	@Test
	void transactionsWithGapsStartNewRuns() throws InterruptedException {
		WriteLockFairness fairness = new WriteLockFairness(() -> true);
		long end = System.nanoTime() + 3 * WriteLockFairness.RUN_NANOS;
		while (System.nanoTime() < end) {
			fairness.beforeBegin();
			fairness.afterTransaction(0, false);
			Thread.sleep(2); // the lock stays free longer than a pause: nothing to make up for
		}
		assertThat(fairness.pauses()).isZero();
	}

	@Test
	void theProbeSeesAnotherProcessWithTheFileOpenButNotThisOne() throws Exception {
		Path file = this.dir.resolve("probe.sqlite3");
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			set(h, key("a"), v8String("x"));
			assertThat(OtherProcessProbe.of(file).getAsBoolean()).isFalse();
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					ImpatientProcessWriter.class.getName(), file.toString(), "100000")
				.redirectErrorStream(true)
				.start();
			try {
				BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
				assertThat(out.readLine()).isEqualTo("ready");
				// Its connection locks the file from its first transaction on, right after "ready".
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				boolean seen = false;
				while (!seen && System.nanoTime() < deadline) {
					seen = OtherProcessProbe.of(file).getAsBoolean();
					Thread.sleep(20);
				}
				assertThat(seen).isTrue();
			}
			finally {
				other.destroyForcibly();
				other.waitFor(30, TimeUnit.SECONDS);
			}
			assertThat(OtherProcessProbe.of(file).getAsBoolean()).isFalse();
		}
	}

	private static void writeBackToBack(WriteLockFairness fairness, long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			fairness.beforeBegin();
			fairness.afterTransaction(0, false);
		}
	}

	@Test
	void anotherProcessGetsTheWriteLockWhileFourThreadsWriteWithoutPause() throws Exception {
		Path file = this.dir.resolve("fair.sqlite3");
		int otherCommits = 200;
		AtomicBoolean stop = new AtomicBoolean();
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			ExecutorService pool = Executors.newFixedThreadPool(4);
			List<Future<Integer>> writers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int id = t;
				writers.add(pool.submit(() -> {
					int n = 0;
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
					while (!stop.get() && System.nanoTime() < deadline) {
						set(h, key("java", id, n++), v8String("x"));
					}
					return n;
				}));
			}
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					ImpatientProcessWriter.class.getName(), file.toString(), String.valueOf(otherCommits))
				.redirectErrorStream(true)
				.start();
			String output;
			try {
				assertThat(other.waitFor(90, TimeUnit.SECONDS)).isTrue();
				output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			finally {
				other.destroyForcibly();
				stop.set(true);
				pool.shutdown();
			}
			int javaWrites = 0;
			for (Future<Integer> w : writers) {
				javaWrites += w.get(60, TimeUnit.SECONDS);
			}
			assertThat(other.exitValue()).as(output).isZero();
			assertThat(output).contains("ready", "done");
			assertThat(javaWrites).isPositive();
			assertThat(TestData.list(h, key("impatient"))).hasSize(otherCommits);
		}
	}

}
