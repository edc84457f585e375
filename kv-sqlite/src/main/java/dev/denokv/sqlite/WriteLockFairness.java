package dev.denokv.sqlite;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Leaves SQLite's write lock free now and then for other processes while this one writes without
 * pause.
 *
 * <h2>Why</h2>
 * SQLite's file lock is not fair. A process that waits for it (Deno, another JVM) polls it from
 * its busy handler, every 100 ms at the end, and Deno gives up after its 5 s busy timeout with
 * "database is locked". A writer that commits back to back, one transaction right after the
 * other, leaves the lock free only for microseconds between them, and the waiter's polls can miss
 * every one of those moments. With this backend's faster commits, Deno failed in about one run in
 * seven of the interop test where both write the same file at full speed.
 *
 * <h2>How</h2>
 * A run is a series of transactions that each began within {@link #CONTINUE_NANOS} of the previous
 * commit. While another process has the file open ({@link OtherProcessProbe}), or another handler
 * of this JVM ({@link SameFileHandlers}), a run that has
 * lasted {@link #RUN_NANOS} is followed by a pause of {@link #PAUSE_NANOS} before the next
 * {@code BEGIN}, which leaves the lock free about 9% of the time. Once the other process is seen
 * writing (it committed since our last commit, our {@code BEGIN} was busy, or it was slow while
 * the other process has the file open), runs shrink to {@link #SHARED_RUN_NANOS} for the next
 * second, so the two take turns.
 *
 * <p>A process alone on its file never pauses, so single-process throughput is unchanged. Not
 * thread-safe: used under the writer lock.
 */
final class WriteLockFairness {

	static final long CONTINUE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	static final long SHARED_RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	/** How long another process counts as writing after we last noticed it. */
	static final long SHARED_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);

	/** A {@code BEGIN IMMEDIATE} slower than this waited for another process's lock. */
	static final long CONTENDED_BEGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

	private final BooleanSupplier otherProcesses;

	private long runStart;

	private long lastEnd;

	private boolean started;

	/** Until when another process counts as writing; starts in the past. */
	private long sharedUntil = System.nanoTime();

	private long pauses;

	/** @param otherProcesses whether another process, or another handler of this JVM, has the file open */
	WriteLockFairness(BooleanSupplier otherProcesses) {
		this.otherProcesses = otherProcesses;
	}

	/** Called before {@code BEGIN IMMEDIATE}; pauses first when the current run has used its time. */
	void beforeBegin() {
		long now = System.nanoTime();
		if (!this.started || now - this.lastEnd > CONTINUE_NANOS) {
			this.started = true;
			this.runStart = now;
			return;
		}
		long run = now - this.runStart;
		if (run >= SHARED_RUN_NANOS && (shared() || (run >= RUN_NANOS && this.otherProcesses.getAsBoolean()))) {
			this.pauses++;
			LockSupport.parkNanos(this, PAUSE_NANOS);
			this.runStart = System.nanoTime();
		}
	}

	/**
	 * Called after a transaction ended (committed, or rolled back to be re-run).
	 * @param beginNanos how long its {@code BEGIN IMMEDIATE} took
	 * @param foreignWrite whether another process had committed since our previous commit
	 */
	void afterTransaction(long beginNanos, boolean foreignWrite) {
		long now = System.nanoTime();
		this.lastEnd = now;
		// A slow BEGIN alone proves nothing (a GC pause, a descheduled thread); with another process
		// on the file it means we waited for its lock.
		if (foreignWrite || (beginNanos > CONTENDED_BEGIN_NANOS && this.otherProcesses.getAsBoolean())) {
			this.sharedUntil = now + SHARED_FOR_NANOS;
		}
	}

	/** How many pauses were made so far (for tests). */
	long pauses() {
		return this.pauses;
	}

	/** Whether another process was seen writing within the last {@link #SHARED_FOR_NANOS}. */
	boolean shared() {
		return System.nanoTime() - this.sharedUntil < 0;
	}

}
