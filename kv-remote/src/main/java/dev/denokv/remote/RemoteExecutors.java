package dev.denokv.remote;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.denokv.error.KvClosedException;

/**
 * The threads a handler owns, created on first use and stopped by {@link #shutdown()}: one timer
 * thread that only schedules (watchdogs, refresh times, reconnect delays) and never blocks, and a
 * pool for blocking work (watch readers, background metadata exchanges). All are daemon threads,
 * so a forgotten handler never keeps the JVM alive. Nothing here is shared with the application.
 */
final class RemoteExecutors {

	private final String prefix;

	private ScheduledExecutorService timer;

	private ExecutorService workers;

	private boolean shutdown;

	RemoteExecutors(String prefix) {
		this.prefix = prefix;
	}

	synchronized ScheduledExecutorService timer() {
		checkOpen();
		if (this.timer == null) {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threads(this.prefix + "timer"));
			executor.setRemoveOnCancelPolicy(true);
			this.timer = executor;
		}
		return this.timer;
	}

	synchronized ExecutorService workers() {
		checkOpen();
		if (this.workers == null) {
			this.workers = Executors.newCachedThreadPool(threads(this.prefix + "worker-"));
		}
		return this.workers;
	}

	/** Stops every thread; blocked work is interrupted. Idempotent. */
	void shutdown() {
		ScheduledExecutorService t;
		ExecutorService w;
		synchronized (this) {
			this.shutdown = true;
			t = this.timer;
			w = this.workers;
		}
		if (t != null) {
			t.shutdownNow();
		}
		if (w != null) {
			w.shutdownNow();
		}
	}

	private void checkOpen() {
		if (this.shutdown) {
			throw new KvClosedException("The remote database handler is closed");
		}
	}

	private static ThreadFactory threads(String name) {
		AtomicInteger count = new AtomicInteger();
		boolean numbered = name.endsWith("-");
		return (runnable) -> {
			Thread thread = new Thread(runnable, numbered ? name + count.incrementAndGet() : name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
