package dev.denokv.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes every background thread of this library (queue listeners and watches here, the SQLite
 * backend's pollers and expiry sweeper, the KV Connect server's watch streams), so that they all
 * behave alike:
 * <ul>
 * <li>daemon, so that a resource the application forgot to close never keeps the JVM alive;</li>
 * <li>named, so that they are recognisable in a thread dump;</li>
 * <li>with this library's class loader as context class loader, not the one of whichever thread
 * happened to create them. A thread started from a servlet container's request thread would
 * otherwise hold on to the web application's class loader, and the container warns at shutdown
 * that the application started a thread it did not stop.</li>
 * </ul>
 * For this library's modules; not meant as general infrastructure.
 */
public final class NamedThreadFactory implements ThreadFactory {

	private static final ClassLoader LIBRARY_CLASS_LOADER = NamedThreadFactory.class.getClassLoader();

	private final String prefix;

	private final boolean numbered;

	private final AtomicInteger counter = new AtomicInteger();

	/** Threads named {@code prefix + 1}, {@code prefix + 2}, ... */
	public NamedThreadFactory(String prefix) {
		this(prefix, true);
	}

	private NamedThreadFactory(String prefix, boolean numbered) {
		this.prefix = prefix;
		this.numbered = numbered;
	}

	/** Threads all named {@code name}: for an executor of one thread, recreated when it was idle. */
	public static NamedThreadFactory fixedName(String name) {
		return new NamedThreadFactory(name, false);
	}

	@Override
	public Thread newThread(Runnable task) {
		String name = this.numbered ? this.prefix + this.counter.incrementAndGet() : this.prefix;
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.setContextClassLoader(LIBRARY_CLASS_LOADER);
		return thread;
	}

}
