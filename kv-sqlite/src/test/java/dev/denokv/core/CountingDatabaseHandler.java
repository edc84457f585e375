package dev.denokv.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;

/**
 * A real handler with call counters in front, to show when the template does (or does not) reach
 * the backend: limits are checked before any I/O, and lists read batch by batch.
 */
public final class CountingDatabaseHandler implements DatabaseHandler {

	private final DatabaseHandler delegate;

	/** Snapshot reads made. */
	public final AtomicInteger reads = new AtomicInteger();

	/** Ranges asked for over all snapshot reads. */
	public final AtomicInteger readRanges = new AtomicInteger();

	/** Atomic writes sent. */
	public final AtomicInteger writes = new AtomicInteger();

	/** Watches opened. */
	public final AtomicInteger watches = new AtomicInteger();

	public CountingDatabaseHandler(DatabaseHandler delegate) {
		this.delegate = delegate;
	}

	/** Calls of any kind that reach the backend. */
	public int calls() {
		return this.reads.get() + this.writes.get() + this.watches.get();
	}

	@Override
	public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
		this.reads.incrementAndGet();
		this.readRanges.addAndGet(ranges.size());
		return this.delegate.snapshotRead(ranges, consistency);
	}

	@Override
	public CommitResult atomicWrite(AtomicWrite write) {
		this.writes.incrementAndGet();
		return this.delegate.atomicWrite(write);
	}

	@Override
	public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
		this.writes.incrementAndGet();
		return this.delegate.atomicWriteAsync(write);
	}

	@Override
	public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
		return this.delegate.nextQueueMessage(timeout);
	}

	@Override
	public WatchStream watch(List<byte[]> keys) {
		this.watches.incrementAndGet();
		return this.delegate.watch(keys);
	}

	@Override
	public String backendName() {
		return this.delegate.backendName();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
