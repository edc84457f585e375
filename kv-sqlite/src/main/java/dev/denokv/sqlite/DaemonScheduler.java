package dev.denokv.sqlite;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.denokv.core.NamedThreadFactory;

/**
 * The library's own one-thread background scheduler for queue and watch polling. Its thread comes
 * from {@link NamedThreadFactory} (daemon, named, the library's class loader); it ends after a few idle seconds and is
 * recreated on demand, so an idle backend holds no thread. Never exposed as a bean.
 */
final class DaemonScheduler {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private DaemonScheduler() {
	}

	static ScheduledThreadPoolExecutor create(String name) {
		int n = COUNTER.incrementAndGet();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				NamedThreadFactory.fixedName(name + "-" + n));
		executor.setRemoveOnCancelPolicy(true);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
		executor.setKeepAliveTime(2, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Stops a background executor of the backend and waits (up to 5 s) for a running pass to end,
	 * so that the caller can then close the connections under it.
	 */
	static void shutdown(ExecutorService executor) {
		executor.shutdownNow();
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
