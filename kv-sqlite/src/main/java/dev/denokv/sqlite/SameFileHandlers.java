package dev.denokv.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handlers of this JVM that have a database file open, counted per file. Two handlers on one
 * file compete for its write lock exactly like two processes, but {@link OtherProcessProbe} cannot
 * see them: POSIX locks belong to the process, so {@code /proc/locks} shows both under our pid.
 * {@link WriteLockFairness} asks this registry as well, so that each leaves the lock free for the
 * other.
 */
final class SameFileHandlers {

	/** Open handlers per file identity (device and inode where the file system has them). */
	private static final ConcurrentHashMap<Object, AtomicInteger> OPEN = new ConcurrentHashMap<>();

	private SameFileHandlers() {
	}

	/** One handler's place in the count; closing it leaves. */
	static final class Registration implements AutoCloseable {

		private final Object fileKey;

		private final AtomicInteger count;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Registration(Object fileKey, AtomicInteger count) {
			this.fileKey = fileKey;
			this.count = count;
		}

		/** Whether another handler of this JVM has the same file open. */
		boolean othersOpen() {
			return this.count.get() > 1;
		}

		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				OPEN.computeIfPresent(this.fileKey, (key, count) -> (count.decrementAndGet() == 0) ? null : count);
			}
		}

	}

	/** Counts a handler on {@code file}, which must exist (the writer has opened it). */
	static Registration register(Path file) {
		Object fileKey = fileKey(file);
		AtomicInteger count = OPEN.compute(fileKey, (key, existing) -> {
			AtomicInteger c = (existing != null) ? existing : new AtomicInteger();
			c.incrementAndGet();
			return c;
		});
		return new Registration(fileKey, count);
	}

	private static Object fileKey(Path file) {
		try {
			Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
			// Where the file system has no identity, the real path (links resolved) stands in.
			return (key != null) ? key : file.toRealPath();
		}
		catch (IOException ex) {
			return file.toAbsolutePath().normalize();
		}
	}

}
