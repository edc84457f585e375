package dev.denokv.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KvQueueListenerContainer} runs.
 *
 * @param concurrency most messages handled at once (each on its own thread); the container
 * takes a message from the queue only when a thread is free, so nothing waits in memory
 * @param pollTimeout how long one wait for a message lasts; it bounds how quickly a stop is noticed
 * @param shutdownTimeout how long a stop waits for messages being handled; handlers still running
 * then are interrupted, and their messages are delivered again later (at-least-once)
 * @param threadNamePrefix prefix of the names of the container's threads
 */
public record KvQueueListenerOptions(int concurrency, Duration pollTimeout, Duration shutdownTimeout,
		String threadNamePrefix) {

	private static final KvQueueListenerOptions DEFAULTS = new KvQueueListenerOptions(10, Duration.ofSeconds(1),
			Duration.ofSeconds(30), "denokv-queue-");

	public KvQueueListenerOptions {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
		}
		Objects.requireNonNull(pollTimeout, "pollTimeout");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
		if (pollTimeout.isNegative() || pollTimeout.isZero()) {
			throw new IllegalArgumentException("pollTimeout must be positive: " + pollTimeout);
		}
		if (shutdownTimeout.isNegative()) {
			throw new IllegalArgumentException("shutdownTimeout must not be negative: " + shutdownTimeout);
		}
	}

	/** 10 handler threads, 1 s poll, 30 s graceful shutdown. */
	public static KvQueueListenerOptions defaults() {
		return DEFAULTS;
	}

	public KvQueueListenerOptions withConcurrency(int concurrency) {
		return new KvQueueListenerOptions(concurrency, this.pollTimeout, this.shutdownTimeout, this.threadNamePrefix);
	}

	public KvQueueListenerOptions withPollTimeout(Duration pollTimeout) {
		return new KvQueueListenerOptions(this.concurrency, pollTimeout, this.shutdownTimeout, this.threadNamePrefix);
	}

	public KvQueueListenerOptions withShutdownTimeout(Duration shutdownTimeout) {
		return new KvQueueListenerOptions(this.concurrency, this.pollTimeout, shutdownTimeout, this.threadNamePrefix);
	}

	public KvQueueListenerOptions withThreadNamePrefix(String threadNamePrefix) {
		return new KvQueueListenerOptions(this.concurrency, this.pollTimeout, this.shutdownTimeout, threadNamePrefix);
	}

}
