package dev.denokv.handler;

import java.util.List;

import dev.denokv.model.Versionstamp;

/** The outcome of an {@link AtomicWrite}: committed with a versionstamp, or a failed check. */
public sealed interface CommitResult permits CommitResult.Committed, CommitResult.CheckFailed {

	/** Whether the write was committed. */
	boolean ok();

	/** Every mutation was applied at {@code versionstamp}. */
	record Committed(Versionstamp versionstamp) implements CommitResult {

		@Override
		public boolean ok() {
			return true;
		}

	}

	/**
	 * Nothing was written because the checks at these indexes (into {@link AtomicWrite#checks()})
	 * did not hold. The list may be empty when the backend cannot tell which (some KV Connect
	 * servers do not report it).
	 */
	record CheckFailed(List<Integer> failedCheckIndexes) implements CommitResult {

		public CheckFailed {
			failedCheckIndexes = List.copyOf(failedCheckIndexes);
		}

		@Override
		public boolean ok() {
			return false;
		}

	}

}
