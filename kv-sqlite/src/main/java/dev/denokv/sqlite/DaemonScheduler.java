package dev.denokv.sqlite;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's own one-thread background scheduler for queue and watch polling. Daemon threads,
 * so a forgotten handler never keeps the JVM alive; the thread ends after a few idle seconds and is
 * recreated on demand, so an idle backend holds no thread. Never exposed as a bean.
 */
final class DaemonScheduler {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private DaemonScheduler() {
	}

	static ScheduledThreadPoolExecutor create(String name) {
		int n = COUNTER.incrementAndGet();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, name + "-" + n);
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
		executor.setKeepAliveTime(2, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
