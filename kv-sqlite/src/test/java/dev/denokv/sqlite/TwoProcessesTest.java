package dev.denokv.sqlite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
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
 * Two JVMs write the same file at the same time: the busy timeout and our retry loop keep
 * "database is locked" away from callers, and no write is lost.
 */
class TwoProcessesTest {

	@Test
	void twoJvmsWriteOneFileWithoutLosingAWrite(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("shared.sqlite3");
		int childCommits = 300;
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					SecondProcessWriter.class.getName(), file.toString(), String.valueOf(childCommits))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			try {
				BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
				assertThat(out.readLine()).isEqualTo("ready");
				ExecutorService pool = Executors.newFixedThreadPool(4);
				List<Future<List<Versionstamp>>> futures = new ArrayList<>();
				for (int t = 0; t < 4; t++) {
					int id = t;
					futures.add(pool.submit(() -> {
						List<Versionstamp> stamps = new ArrayList<>();
						long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
						for (int i = 0; i < 5_000 && (i < 50 || child.isAlive()) && System.nanoTime() < deadline; i++) {
							CommitResult r = h.atomicWrite(AtomicWrite.of(List.of(new Mutation(key("ctr"), MutationType.SUM, u64(1), 0),
									Mutation.set(key("parent", id, i), v8String("p")))));
							stamps.add(((CommitResult.Committed) r).versionstamp());
						}
						return stamps;
					}));
				}
				List<Versionstamp> ours = new ArrayList<>();
				for (Future<List<Versionstamp>> f : futures) {
					ours.addAll(f.get(120, TimeUnit.SECONDS));
				}
				pool.shutdown();
				String[] childStamps = out.readLine().split(" ");
				assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
				assertThat(child.exitValue()).isZero();
				// SQLite's file lock is not fair: a process committing in a tight loop may make the other
				// wait (inside the busy timeout and our retry loop) until it pauses. Waiting is fine; an
				// error or a lost write is not.
				assertThat(childStamps).hasSize(2);
				assertThat(get(h, key("ctr")).value()).isEqualTo(u64(ours.size() + childCommits));
				assertThat(list(h, key("child"))).hasSize(childCommits);
				assertThat(ours).doesNotHaveDuplicates();
			}
			finally {
				child.destroyForcibly();
			}
		}
	}

}
