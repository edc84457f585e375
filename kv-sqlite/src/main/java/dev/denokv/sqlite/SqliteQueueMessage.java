package dev.denokv.sqlite;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.denokv.handler.QueueMessage;

/** One delivery of a queue message; finishing or releasing it again is a no-op. */
final class SqliteQueueMessage implements QueueMessage {

	private final SqliteQueue queue;

	private final RunningMessage message;

	private final AtomicBoolean finished = new AtomicBoolean();

	SqliteQueueMessage(SqliteQueue queue, RunningMessage message) {
		this.queue = queue;
		this.message = message;
	}

	@Override
	public byte[] payload() {
		return this.message.payload().clone();
	}

	@Override
	public void finish(boolean success) {
		if (this.finished.compareAndSet(false, true)) {
			this.queue.finish(this.message, success);
		}
	}

	@Override
	public void release() {
		if (this.finished.compareAndSet(false, true)) {
			this.queue.release(this.message);
		}
	}

	@Override
	public String toString() {
		return "QueueMessage[" + this.message.id() + "]";
	}

}
