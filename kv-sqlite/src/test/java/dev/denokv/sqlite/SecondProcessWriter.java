package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.List;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;

/**
 * Run by {@link TwoProcessesTest} in a second JVM: {@code n} commits on the given file, each a sum
 * on the shared counter plus a key of its own; prints the first and last versionstamps.
 */
public final class SecondProcessWriter {

	private SecondProcessWriter() {
	}

	public static void main(String[] args) {
		Path file = Path.of(args[0]);
		int n = Integer.parseInt(args[1]);
		String first = null;
		String last = null;
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			System.out.println("ready");
			System.out.flush();
			for (int i = 0; i < n; i++) {
				CommitResult r = h.atomicWrite(AtomicWrite.of(List.of(
						new Mutation(TestData.key("ctr"), MutationType.SUM, TestData.u64(1), 0),
						Mutation.set(TestData.key("child", i), TestData.v8String("c")))));
				String vs = ((CommitResult.Committed) r).versionstamp().toString();
				first = (first != null) ? first : vs;
				last = vs;
			}
		}
		System.out.println(first + " " + last);
	}

}
