package dev.denokv.core;

import java.util.List;
import java.util.Objects;

import dev.denokv.model.Versionstamp;

/**
 * The result of a write, Deno's {@code KvCommitResult | KvCommitError}: {@link Committed} with the
 * commit versionstamp, or {@link CheckFailed} when an atomic operation's check did not hold and
 * nothing was written. Every other failure is thrown as a {@link dev.denokv.error.KvException}.
 */
public sealed interface KvCommitResult permits KvCommitResult.Committed, KvCommitResult.CheckFailed {

	/** Whether the write was applied. */
	boolean ok();

	/** The commit versionstamp, or {@code null} when a check failed. */
	Versionstamp versionstamp();

	/**
	 * Every mutation was applied; every key written carries {@code versionstamp}.
	 * @param versionstamp the commit versionstamp
	 */
	record Committed(Versionstamp versionstamp) implements KvCommitResult {

		public Committed {
			Objects.requireNonNull(versionstamp, "versionstamp");
		}

		@Override
		public boolean ok() {
			return true;
		}

	}

	/**
	 * Nothing was written because checks did not hold.
	 * @param failedCheckIndexes indexes of the failed checks, in the order they were added to the
	 * atomic operation; empty when the backend does not say which (Deno itself never does, and
	 * some KV Connect servers do not either)
	 */
	record CheckFailed(List<Integer> failedCheckIndexes) implements KvCommitResult {

		public CheckFailed {
			failedCheckIndexes = List.copyOf(failedCheckIndexes);
		}

		@Override
		public boolean ok() {
			return false;
		}

		@Override
		public Versionstamp versionstamp() {
			return null;
		}

	}

}
