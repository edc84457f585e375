package dev.denokv.handler;

import java.time.Duration;
import java.util.List;

/**
 * A pull-based stream of snapshots of a fixed list of watched keys. Each snapshot holds one element
 * per watched key, in request order: the key's {@link RawEntry}, or {@code null} when the key does
 * not exist. The first snapshot is the current state; later ones follow changes. Several changes
 * may be collapsed into one snapshot, and a snapshot may repeat the previous state (callers that
 * want only real changes compare versionstamps). One consumer thread at a time; {@link #close()}
 * may be called from any thread and wakes a blocked consumer.
 */
public interface WatchStream extends AutoCloseable {

	/**
	 * Waits up to {@code timeout} for the next snapshot.
	 * @return the snapshot, or {@code null} if none arrived in time
	 * @throws dev.denokv.error.KvClosedException once the stream or its handler is closed
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	List<RawEntry> poll(Duration timeout) throws InterruptedException;

	/** Releases the stream's resources. Idempotent. */
	@Override
	void close();

}
