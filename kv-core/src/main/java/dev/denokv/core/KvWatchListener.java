package dev.denokv.core;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * Receives the states of watched keys. {@link #onChange} is first called with the current state,
 * then whenever the versionstamp of at least one watched key changed (intermediate states may be
 * skipped, as in Deno). Calls come one at a time from the watch's own thread.
 *
 * @param <T> the type the values are decoded to
 */
@FunctionalInterface
public interface KvWatchListener<T> {

	/**
	 * @param entries one entry per watched key, in the order the keys were given; a missing key
	 * has a {@code null} value and versionstamp
	 */
	void onChange(List<KvEntry<T>> entries);

	/**
	 * The watch failed and has ended (for example the backend became unreachable). Not called for
	 * a cancellation or for the template being closed. Logs by default.
	 */
	default void onError(Throwable error) {
		LoggerFactory.getLogger(KvWatchListener.class).warn("Deno KV watch ended with an error", error);
	}

}
