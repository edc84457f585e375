package dev.denokv.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.RawValue;
import dev.denokv.observation.KvObservationContext;
import dev.denokv.observation.KvOperationName;
import dev.denokv.observation.KvOutcome;
import dev.denokv.value.KvType;
import dev.denokv.value.KvValueCodec;

/**
 * The central class of Deno KV for Java: {@link KvOperations} on any {@link DatabaseHandler}
 * (SQLite file, KV Connect server, ...), with or without Spring.
 * <pre>{@code
 * try (KvTemplate kv = KvTemplate.builder(handler).build()) {
 *     kv.set(KvKey.of("users", "alice"), new User("Alice"));
 *     KvEntry<User> alice = kv.get(KvKey.of("users", "alice"), User.class);
 * }
 * }</pre>
 * Every operation is wrapped in a Micrometer observation ({@code denokv.client.operation}, tags
 * operation, backend and outcome) when an {@code ObservationRegistry} is configured.
 * Thread-safe: share one instance per database.
 */
public class KvTemplate implements KvOperations {

	private final DatabaseHandler handler;

	private final KvValueCodec valueCodec;

	private final KvRequestValidator validator;

	private final KvObserver observer;

	private final Clock clock;

	private final boolean closeHandler;

	private final Object lifecycleMonitor = new Object();

	private final Set<KvSubscription> subscriptions = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * A template with the standard value codec, Deno's limits and no observations, that closes
	 * {@code handler} when closed.
	 */
	public KvTemplate(DatabaseHandler handler) {
		this(builder(handler));
	}

	/** A template with Deno's limits and no observations, that closes {@code handler} when closed. */
	public KvTemplate(DatabaseHandler handler, KvValueCodec valueCodec) {
		this(builder(handler).valueCodec(valueCodec));
	}

	/** A template as configured by {@code builder}; for subclasses. */
	protected KvTemplate(KvTemplateBuilder builder) {
		this.handler = Objects.requireNonNull(builder.handler, "handler");
		this.valueCodec = Objects.requireNonNull(builder.valueCodec, "valueCodec");
		this.validator = new KvRequestValidator(builder.limits);
		this.observer = new KvObserver(builder.observationRegistry, builder.observationConvention,
				this.handler.backendName());
		this.clock = builder.clock;
		this.closeHandler = builder.closeHandler;
	}

	/** A builder for a template on {@code handler}. */
	public static KvTemplateBuilder builder(DatabaseHandler handler) {
		return new KvTemplateBuilder(handler, KvTemplate::new);
	}

	// Reads

	@Override
	public <T> KvEntry<T> get(KvKey key, KvType<T> type, Consistency consistency) {
		Objects.requireNonNull(key, "key");
		ensureOpen();
		return this.observer.observe(KvOperationName.GET,
				(context) -> read(List.of(key), type, consistency).get(0));
	}

	@Override
	public <T> List<KvEntry<T>> getMany(List<KvKey> keys, KvType<T> type, Consistency consistency) {
		List<KvKey> copy = List.copyOf(keys);
		ensureOpen();
		return this.observer.observe(KvOperationName.GET_MANY, (context) -> read(copy, type, consistency));
	}

	private <T> List<KvEntry<T>> read(List<KvKey> keys, KvType<T> type, Consistency consistency) {
		Objects.requireNonNull(type, "type");
		this.validator.checkReadRangeCount(keys.size());
		if (keys.isEmpty()) {
			return List.of();
		}
		List<ReadRange> ranges = new ArrayList<>(keys.size());
		for (KvKey key : keys) {
			byte[] encoded = key.encode();
			this.validator.checkReadKey(encoded);
			ReadRange range = ReadRange.single(encoded);
			this.validator.checkReadKey(range.end());
			ranges.add(range);
		}
		List<ReadRangeOutput> outputs = this.handler.snapshotRead(ranges, Objects.requireNonNull(consistency));
		List<KvEntry<T>> entries = new ArrayList<>(keys.size());
		for (int i = 0; i < keys.size(); i++) {
			List<RawEntry> found = outputs.get(i).entries();
			entries.add(found.isEmpty() ? KvEntry.missing(keys.get(i)) : new KvEntry<>(keys.get(i),
					this.valueCodec.decode(found.get(0).value(), type), found.get(0).versionstamp()));
		}
		return entries;
	}

	@Override
	public <T> KvListIterator<T> list(KvListSelector selector, KvType<T> type, KvListOptions options) {
		Objects.requireNonNull(selector, "selector");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(options, "options");
		ensureOpen();
		return new KvListIterator<>(this, selector, type, options, this::readBatch);
	}

	@Override
	public <T> KvPage<T> listPage(KvListSelector selector, KvType<T> type, KvListOptions options) {
		if (options.getLimit() == null) {
			throw new KvInvalidArgumentException("A page needs a limit");
		}
		KvListIterator<T> iterator = list(selector, type, options);
		List<KvEntry<T>> entries = iterator.toList();
		return new KvPage<>(entries, iterator.cursor());
	}

	private List<RawEntry> readBatch(ReadRange range, Consistency consistency) {
		ensureOpen();
		return this.observer.observe(KvOperationName.LIST,
				(context) -> this.handler.snapshotRead(List.of(range), consistency).get(0).entries());
	}

	// Writes

	@Override
	public KvCommitResult.Committed set(KvKey key, Object value) {
		return set(key, new Mutation(key.encode(), dev.denokv.handler.MutationType.SET, encode(value), 0));
	}

	@Override
	public KvCommitResult.Committed set(KvKey key, Object value, Duration expireIn) {
		// Deno's order: expireIn's sign and fraction, then the value, then whether expireIn is too large.
		this.validator.checkExpireIn(expireIn);
		RawValue raw = encode(value);
		long expireAt = this.validator.expireAt(expireIn, this.clock.millis());
		return set(key, new Mutation(key.encode(), dev.denokv.handler.MutationType.SET, raw, expireAt));
	}

	private KvCommitResult.Committed set(KvKey key, Mutation mutation) {
		return committed(commit(AtomicWrite.of(List.of(mutation)), KvOperationName.SET), "Failed to set value");
	}

	@Override
	public KvCommitResult.Committed delete(KvKey key) {
		Mutation mutation = Mutation.delete(Objects.requireNonNull(key, "key").encode());
		return committed(commit(AtomicWrite.of(List.of(mutation)), KvOperationName.DELETE), "Failed to set value");
	}

	@Override
	public CompletableFuture<KvCommitResult.Committed> setAsync(KvKey key, Object value) {
		return setAsync(key, value, null);
	}

	@Override
	public CompletableFuture<KvCommitResult.Committed> setAsync(KvKey key, Object value, Duration expireIn) {
		AtomicWrite write;
		try {
			this.validator.checkExpireIn(expireIn);
			RawValue raw = encode(value);
			long expireAt = this.validator.expireAt(expireIn, this.clock.millis());
			write = AtomicWrite.of(List.of(new Mutation(key.encode(), dev.denokv.handler.MutationType.SET, raw, expireAt)));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return commitAsync(write, KvOperationName.SET).thenApply((result) -> committed(result, "Failed to set value"));
	}

	@Override
	public CompletableFuture<KvCommitResult.Committed> deleteAsync(KvKey key) {
		AtomicWrite write;
		try {
			write = AtomicWrite.of(List.of(Mutation.delete(Objects.requireNonNull(key, "key").encode())));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return commitAsync(write, KvOperationName.DELETE).thenApply((result) -> committed(result, "Failed to set value"));
	}

	@Override
	public KvAtomicOperation atomic() {
		return new KvAtomicOperation(this);
	}

	// Queue

	@Override
	public KvCommitResult.Committed enqueue(Object message) {
		return enqueue(message, KvEnqueueOptions.defaults());
	}

	@Override
	public KvCommitResult.Committed enqueue(Object message, KvEnqueueOptions options) {
		PendingEnqueue pending = prepareEnqueue(message, options);
		AtomicWrite write = new AtomicWrite(List.of(), List.of(),
				List.of(pending.toEnqueue(this.validator, this.clock.millis())));
		return committed(commit(write, KvOperationName.ENQUEUE), "Failed to enqueue value");
	}

	@Override
	public <T> KvSubscription listenQueue(KvType<T> type, KvQueueHandler<T> handler, KvQueueListenerOptions options) {
		KvQueueListenerContainer<T> container = new KvQueueListenerContainer<>(this, type, handler, options);
		container.start();
		return container;
	}

	/** Validates and encodes a message the way Deno's {@code enqueue} does: delay, then backoff, then payload. */
	PendingEnqueue prepareEnqueue(Object message, KvEnqueueOptions options) {
		Objects.requireNonNull(options, "options");
		this.validator.deliveryTime(options.getDelay(), 0);
		List<Integer> backoff = this.validator.backoffScheduleMillis(options.getBackoffSchedule());
		byte[] payload = this.valueCodec.encodeQueuePayload(message);
		List<byte[]> keys = new ArrayList<>(options.getKeysIfUndelivered().size());
		for (KvKey key : options.getKeysIfUndelivered()) {
			keys.add(key.encode());
		}
		return new PendingEnqueue(payload, options.getDelay(), keys, backoff);
	}

	// Watch

	@Override
	public <T> KvSubscription watch(List<KvKey> keys, KvType<T> type, KvWatchListener<T> listener) {
		List<KvKey> copy = List.copyOf(keys);
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(listener, "listener");
		ensureOpen();
		return this.observer.observe(KvOperationName.WATCH, (context) -> {
			if (copy.isEmpty()) {
				// Deno: kv.watch([]) is done at once and emits nothing; a stream would never end.
				return EndedWatchSubscription.INSTANCE;
			}
			List<byte[]> encoded = new ArrayList<>(copy.size());
			for (KvKey key : copy) {
				encoded.add(key.encode());
			}
			this.validator.checkWatchKeys(encoded);
			WatchStream stream = this.handler.watch(encoded);
			KvWatchSubscription<T> subscription = new KvWatchSubscription<>(this, copy, type, listener, stream);
			try {
				register(subscription, "Kv is closed");
			}
			catch (KvClosedException ex) {
				stream.close();
				throw ex;
			}
			subscription.start();
			return subscription;
		});
	}

	// Escape hatch and lifecycle

	@Override
	public <T> T execute(KvCallback<T> callback) {
		ensureOpen();
		return callback.doInKv(this.handler);
	}

	@Override
	public void close() {
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		for (KvSubscription subscription : List.copyOf(this.subscriptions)) {
			subscription.cancel();
		}
		if (this.closeHandler) {
			this.handler.close();
		}
	}

	/** Whether {@link #close()} was called. */
	public boolean isClosed() {
		return this.closed;
	}

	/** The backend this template works on. */
	public DatabaseHandler getDatabaseHandler() {
		return this.handler;
	}

	/** The codec that maps Java values to stored values. */
	public KvValueCodec getValueCodec() {
		return this.valueCodec;
	}

	/** The limits enforced before any I/O. */
	public KvLimits getLimits() {
		return this.validator.limits();
	}

	// For the collaborators in this package

	/** Validates and sends an atomic write inside an observation of {@code operation}. */
	KvCommitResult commit(AtomicWrite write, KvOperationName operation) {
		ensureOpen();
		return this.observer.observe(operation, (context) -> {
			this.validator.checkAtomicWrite(write);
			return toKvResult(this.handler.atomicWrite(write), context);
		});
	}

	/** {@link #commit} without waiting: every failure completes the future exceptionally. */
	CompletableFuture<KvCommitResult> commitAsync(AtomicWrite write, KvOperationName operation) {
		if (this.closed) {
			return CompletableFuture.failedFuture(new KvClosedException("Kv is closed"));
		}
		return this.observer.observeAsync(operation, (context) -> {
			this.validator.checkAtomicWrite(write);
			return this.handler.atomicWriteAsync(write).thenApply((result) -> toKvResult(result, context));
		});
	}

	private static KvCommitResult toKvResult(CommitResult result, KvObservationContext context) {
		if (result instanceof CommitResult.Committed committed) {
			return new KvCommitResult.Committed(committed.versionstamp());
		}
		if (context != null) {
			context.setOutcome(KvOutcome.CHECK_FAILED);
		}
		return new KvCommitResult.CheckFailed(((CommitResult.CheckFailed) result).failedCheckIndexes());
	}

	void register(KvSubscription subscription, String closedMessage) {
		synchronized (this.lifecycleMonitor) {
			if (this.closed) {
				throw new KvClosedException(closedMessage);
			}
			this.subscriptions.add(subscription);
		}
	}

	void deregister(KvSubscription subscription) {
		this.subscriptions.remove(subscription);
	}

	DatabaseHandler handler() {
		return this.handler;
	}

	KvValueCodec valueCodec() {
		return this.valueCodec;
	}

	KvRequestValidator validator() {
		return this.validator;
	}

	KvObserver observer() {
		return this.observer;
	}

	Clock clock() {
		return this.clock;
	}

	private RawValue encode(Object value) {
		return this.valueCodec.encode(value);
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new KvClosedException("Kv is closed");
		}
	}

	private static KvCommitResult.Committed committed(KvCommitResult result, String message) {
		if (result instanceof KvCommitResult.Committed committed) {
			return committed;
		}
		// A write without checks cannot fail a check; a backend that says so is broken.
		throw new KvBackendException(message);
	}

}
