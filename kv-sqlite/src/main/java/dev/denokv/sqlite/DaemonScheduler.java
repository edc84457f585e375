package dev.denokv.sqlite;

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

}
