package dev.denokv.core;

import java.time.Duration;
import java.util.List;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;

/** A test backend that supports nothing; a fake overrides the calls its test makes. */
abstract class UnsupportedDatabaseHandler implements DatabaseHandler {

	@Override
	public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
		throw new UnsupportedOperationException();
	}

	@Override
	public CommitResult atomicWrite(AtomicWrite write) {
		throw new UnsupportedOperationException();
	}

	@Override
	public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
		throw new UnsupportedOperationException();
	}

	@Override
	public WatchStream watch(List<byte[]> keys) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void close() {
	}

}
