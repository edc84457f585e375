package dev.denokv.handler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pluggable storage interface of Deno KV, the Java counterpart of denokv's {@code Database}
 * trait. Every backend (SQLite, Remote) implements it, and {@code KvTemplate} and the KV Connect
 * server sit on top. It works on encoded keys and raw values; key encoding, value serialization
 * and Deno's input limits are applied by the layer above.
 *
 * <h2>Threading</h2>
 * Implementations are thread-safe: any number of threads may call any method at once. Calls block
 * the calling thread until the backend answers, except {@link #atomicWriteAsync}.
 *
 * <h2>Ordering and consistency</h2>
 * <ul>
 * <li>Atomic writes are serializable and all-or-nothing. A write that returns
 * {@link CommitResult.Committed} is durable (to the backend's configured durability) and visible
 * to every read that starts after the call returns.</li>
 * <li>A {@link Consistency#STRONG} read sees every write committed before it started. All ranges of
 * one {@link #snapshotRead} call are read from the same snapshot.</li>
 * <li>Versionstamps grow with commit order. Expired entries are never returned, even before the
 * backend physically removes them.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * All errors are unchecked {@link dev.denokv.error.KvException}s:
 * {@link dev.denokv.error.KvMutationException} when a mutation cannot apply to the stored data (the
 * whole write is rolled back), {@link dev.denokv.error.KvBackendException} when storage or transport
 * fails, {@link dev.denokv.error.KvClosedException} after {@link #close()}. A failed check is not an
 * error: it is a {@link CommitResult.CheckFailed} result.
 */
public interface DatabaseHandler extends AutoCloseable {

	/** Maximum number of ranges per {@link #snapshotRead} and keys per {@link #watch}. */
	int MAX_READ_RANGES = 10;

	/** Maximum number of watched keys. */
	int MAX_WATCH_KEYS = 10;

	/**
	 * Reads up to {@value #MAX_READ_RANGES} ranges from one consistent snapshot.
	 * @return one output per range, in request order
	 */
	List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency);

	/**
	 * Applies checks, mutations and enqueues atomically.
	 * @return the commit versionstamp, or which checks failed (nothing is written then)
	 */
	CommitResult atomicWrite(AtomicWrite write);

	/**
	 * {@link #atomicWrite} without waiting: the future completes with the same result, or
	 * exceptionally with the same {@link dev.denokv.error.KvException}. Several writes in flight
	 * from one thread let a backend batch them (the SQLite backend commits them together with one
	 * fsync). Dependent stages may run on a backend thread: they must not block on this handler.
	 * <p>The default runs {@link #atomicWrite} on the calling thread and returns a completed
	 * future; backends that can do better override it.
	 */
	default CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
		try {
			return CompletableFuture.completedFuture(atomicWrite(write));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Waits up to {@code timeout} for the next queue message that is due. Several consumers may
	 * wait at once; each message goes to one of them.
	 * @return the message, or {@code null} if none was due in time
	 * @throws dev.denokv.error.KvClosedException once the handler is closed
	 * @throws UnsupportedOperationException if the backend cannot deliver queue messages
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException;

	/**
	 * Watches up to {@value #MAX_WATCH_KEYS} encoded keys. The stream's first snapshot is the
	 * current state; later snapshots follow every change, including changes made by other
	 * processes where the backend can see them.
	 */
	WatchStream watch(List<byte[]> keys);

	/**
	 * A short, low-cardinality name of the backend for logs, health and metrics tags:
	 * {@code "sqlite"} or {@code "remote"}.
	 */
	String backendName();

	/**
	 * Closes the handler: stops background work, ends every watch stream and wakes queue consumers
	 * with {@link dev.denokv.error.KvClosedException}. Idempotent.
	 */
	@Override
	void close();

}
