package dev.denokv.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.denokv.handler.Consistency;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.value.KvType;

/**
 * The Deno KV API in Java: what {@code Deno.Kv} offers, on any backend. Implemented by
 * {@link KvTemplate}; program against this interface to swap or stub it.
 *
 * <p>Values go through the template's value codec: a {@code byte[]} is stored as raw bytes, a
 * {@link dev.denokv.model.KvU64} as an unsigned 64-bit integer, anything else V8-serialized, so
 * Deno reads what Java writes and the other way round. Reads take the Java type to decode into:
 * a class, or a {@link KvType} for generic types such as {@code List<Todo>}.
 *
 * <p>Every request is checked against Deno's limits before any I/O and rejected with Deno's own
 * message ({@link dev.denokv.error.KvInvalidArgumentException}). Other failures are
 * {@link dev.denokv.error.KvException}s too. All methods are thread-safe.
 */
public interface KvOperations extends AutoCloseable {

	/** Reads one key with strong consistency; a missing key gives an entry with null value and versionstamp. */
	default <T> KvEntry<T> get(KvKey key, Class<T> type) {
		// Through the Class form with consistency, so that an override of it sees these calls too.
		return get(key, type, Consistency.STRONG);
	}

	/** Reads one key with the given consistency. */
	default <T> KvEntry<T> get(KvKey key, Class<T> type, Consistency consistency) {
		return get(key, KvType.of(type), consistency);
	}

	/** Reads one key into a type that may be generic: {@code get(key, new KvType<List<Todo>>() { })}. */
	default <T> KvEntry<T> get(KvKey key, KvType<T> type) {
		return get(key, type, Consistency.STRONG);
	}

	/** Reads one key into a type that may be generic, with the given consistency. */
	<T> KvEntry<T> get(KvKey key, KvType<T> type, Consistency consistency);

	/**
	 * Reads up to 10 keys from one consistent snapshot; the result has the same length and order
	 * as {@code keys}.
	 * @throws dev.denokv.error.KvInvalidArgumentException {@code "Too many ranges (max 10)"}
	 */
	default <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type) {
		return getMany(keys, type, Consistency.STRONG);
	}

	/** {@link #getMany(List, Class)} with the given consistency. */
	default <T> List<KvEntry<T>> getMany(List<KvKey> keys, Class<T> type, Consistency consistency) {
		return getMany(keys, KvType.of(type), consistency);
	}

	/** {@link #getMany(List, Class)} into a type that may be generic. */
	default <T> List<KvEntry<T>> getMany(List<KvKey> keys, KvType<T> type) {
		return getMany(keys, type, Consistency.STRONG);
	}

	/** {@link #getMany(List, Class)} into a type that may be generic, with the given consistency. */
	<T> List<KvEntry<T>> getMany(List<KvKey> keys, KvType<T> type, Consistency consistency);

	/** Lists the selected entries in key order, lazily, in batches of 100. */
	default <T> KvListIterator<T> list(KvListSelector selector, Class<T> type) {
		return list(selector, type, KvListOptions.defaults());
	}

	/**
	 * Lists the selected entries lazily with options: reverse, limit, cursor, batch size and
	 * consistency. Invalid options and cursors are rejected here, before any read.
	 */
	default <T> KvListIterator<T> list(KvListSelector selector, Class<T> type, KvListOptions options) {
		return list(selector, KvType.of(type), options);
	}

	/** {@link #list(KvListSelector, Class)} into a type that may be generic. */
	default <T> KvListIterator<T> list(KvListSelector selector, KvType<T> type) {
		return list(selector, type, KvListOptions.defaults());
	}

	/** {@link #list(KvListSelector, Class, KvListOptions)} into a type that may be generic. */
	<T> KvListIterator<T> list(KvListSelector selector, KvType<T> type, KvListOptions options);

	/**
	 * Reads one page: up to {@code options}' limit entries and the cursor for the next page.
	 * @throws dev.denokv.error.KvInvalidArgumentException if the options have no limit
	 */
	default <T> KvPage<T> listPage(KvListSelector selector, Class<T> type, KvListOptions options) {
		return listPage(selector, KvType.of(type), options);
	}

	/** {@link #listPage(KvListSelector, Class, KvListOptions)} into a type that may be generic. */
	<T> KvPage<T> listPage(KvListSelector selector, KvType<T> type, KvListOptions options);

	/** Stores a value without expiry (removing any earlier expiry of the key). */
	KvCommitResult.Committed set(KvKey key, Object value);

	/**
	 * Stores a value that expires after {@code expireIn}: a non-negative whole number of
	 * milliseconds that, added to now, stays within Deno's latest representable instant
	 * ({@code Invalid mutation: expireIn is too large: <expireIn>} otherwise).
	 * @param expireIn how long the entry lives; {@code null} means no expiry, as
	 * {@link #set(KvKey, Object)}
	 */
	KvCommitResult.Committed set(KvKey key, Object value, Duration expireIn);

	/** Removes a key; a missing key is fine (it still commits a new versionstamp, as in Deno). */
	KvCommitResult.Committed delete(KvKey key);

	/**
	 * {@link #set(KvKey, Object)} without waiting, like Deno's promise-returning {@code kv.set}:
	 * several writes in flight from one thread are committed together where the backend can (the
	 * SQLite backend shares one fsync among them). Every error, invalid input included, completes
	 * the future exceptionally. Stages added with non-async methods may run on the backend's writer
	 * thread: keep them short and never block there on another write of this template.
	 */
	CompletableFuture<KvCommitResult.Committed> setAsync(KvKey key, Object value);

	/**
	 * {@link #set(KvKey, Object, Duration)} without waiting; see {@link #setAsync(KvKey, Object)}.
	 * A {@code null} {@code expireIn} means no expiry.
	 */
	CompletableFuture<KvCommitResult.Committed> setAsync(KvKey key, Object value, Duration expireIn);

	/** {@link #delete(KvKey)} without waiting; see {@link #setAsync(KvKey, Object)}. */
	CompletableFuture<KvCommitResult.Committed> deleteAsync(KvKey key);

	/** Starts an atomic operation: checks and mutations that apply together or not at all. */
	KvAtomicOperation atomic();

	/** Sends a message to the database's queue for immediate delivery. */
	KvCommitResult.Committed enqueue(Object message);

	/** Sends a message with a delay, dead-letter keys or a backoff schedule. */
	KvCommitResult.Committed enqueue(Object message, KvEnqueueOptions options);

	/**
	 * Starts delivering queue messages to {@code handler} on threads the template owns, with the
	 * default {@link KvQueueListenerOptions}. Cancel the returned subscription (or close the
	 * template) to stop gracefully.
	 */
	default <T> KvSubscription listenQueue(Class<T> type, KvQueueHandler<T> handler) {
		return listenQueue(type, handler, KvQueueListenerOptions.defaults());
	}

	/** {@link #listenQueue(Class, KvQueueHandler)} with options. */
	default <T> KvSubscription listenQueue(Class<T> type, KvQueueHandler<T> handler, KvQueueListenerOptions options) {
		return listenQueue(KvType.of(type), handler, options);
	}

	/** {@link #listenQueue(Class, KvQueueHandler)} with messages decoded into a type that may be generic. */
	default <T> KvSubscription listenQueue(KvType<T> type, KvQueueHandler<T> handler) {
		return listenQueue(type, handler, KvQueueListenerOptions.defaults());
	}

	/** {@link #listenQueue(Class, KvQueueHandler, KvQueueListenerOptions)} into a type that may be generic. */
	<T> KvSubscription listenQueue(KvType<T> type, KvQueueHandler<T> handler, KvQueueListenerOptions options);

	/**
	 * Watches up to 10 keys: the listener gets the current entries, then the entries again whenever
	 * a versionstamp among them changed. A watch of no keys has ended when it is returned
	 * ({@link KvSubscription#isActive()} is {@code false}) and never calls the listener, as Deno's
	 * {@code kv.watch([])} stream is done at once without emitting.
	 * @throws dev.denokv.error.KvInvalidArgumentException {@code "Too many keys (max 10)"}
	 */
	default <T> KvSubscription watch(List<KvKey> keys, Class<T> type, KvWatchListener<T> listener) {
		return watch(keys, KvType.of(type), listener);
	}

	/** {@link #watch(List, Class, KvWatchListener)} into a type that may be generic. */
	<T> KvSubscription watch(List<KvKey> keys, KvType<T> type, KvWatchListener<T> listener);

	/** Runs {@code callback} with the underlying handler. */
	<T> T execute(KvCallback<T> callback);

	/**
	 * Stops every watch and queue listener started through this instance (letting messages in
	 * flight finish) and closes the database. Idempotent.
	 */
	@Override
	void close();

}
