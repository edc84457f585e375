package dev.denokv.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code prefix + n}, so that library threads never keep the JVM alive. */
final class NamedThreadFactory implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger counter = new AtomicInteger();

	NamedThreadFactory(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + this.counter.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	}

}
