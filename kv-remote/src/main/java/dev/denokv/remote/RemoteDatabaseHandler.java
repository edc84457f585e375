package dev.denokv.remote;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryListener;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;
import dev.denokv.protocol.KvConnectProtocolException;
import dev.denokv.protocol.ReadMapping;
import dev.denokv.protocol.WriteMapping;

/**
 * The KV Connect ("remote") backend: a {@link DatabaseHandler} that talks to Deno Deploy, a
 * self-hosted {@code denokv}, or this project's KV Connect server, in protocol versions 1 to 3
 * (kv-format.md §1, §2, §8).
 * <ul>
 * <li>The metadata exchange runs on first use (or {@link #refreshMetadata()}), and again before
 * the data-path token expires: on the handler's own daemon thread, or, with
 * {@link RemoteOptions#backgroundRefresh()} off, whenever {@link #refreshIfDue()} is called.</li>
 * <li>Strong reads and writes go to a strong endpoint, eventual reads to an eventual one when
 * there is one. A 401 or 403 (or a 400 about authorization) refreshes the metadata once and
 * retries.</li>
 * <li>Network errors and 5xx answers are retried with randomized exponential backoff up to
 * {@link RemoteOptions.Retry#deadline()}; 4xx answers are not retried and surface as
 * {@link KvRemoteException} with the server's message (or {@link dev.denokv.error.KvMutationException}
 * when a mutation cannot apply).</li>
 * <li>Watches survive connection loss (see {@link #watch}); queues are not part of KV Connect.</li>
 * </ul>
 * Thread-safe. {@link #close()} stops the refresher and every watch stream.
 */
public final class RemoteDatabaseHandler implements DatabaseHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemoteDatabaseHandler.class);

	/** The environment variable Deno reads the access token from. */
	public static final String ACCESS_TOKEN_ENV = "DENO_KV_ACCESS_TOKEN";

	private final RemoteOptions options;

	private final MetadataExchange metadata;

	private final HttpTransport transport;

	private final RemoteRetry retry;

	private final DataPath dataPath;

	private final RemoteExecutors executors = new RemoteExecutors("denokv-remote-");

	private final MetadataRefresher refresher;

	private final Set<RemoteWatchStream> watches = ConcurrentHashMap.newKeySet();

	/** Asynchronous writes not yet completed: failed by {@link #close()} if still waiting. */
	private final Set<AsyncWrite> asyncWrites = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean closed = new AtomicBoolean();

	/** Whether the HTTP client was created here (and is therefore released on close). */
	private final boolean ownsClient;

	private RemoteDatabaseHandler(Builder builder) {
		this.options = builder.options;
		this.ownsClient = (builder.httpClient == null);
		HttpClient client = this.ownsClient ? HttpTransport.defaultClient(this.options) : builder.httpClient;
		this.transport = new HttpTransport(client, this.options.userAgent());
		this.retry = new RemoteRetry(this.options.retry(), builder.retryListener);
		this.metadata = new MetadataExchange(builder.url, builder.accessToken, this.transport, this.options);
		this.dataPath = new DataPath(this.metadata, this.transport, this.retry, this.options, this.closed::get);
		this.refresher = this.options.backgroundRefresh()
				? new MetadataRefresher(this.metadata, this.retry, this.executors) : null;
		if (this.refresher != null) {
			// The first successful exchange, wherever it happens, starts the background refresh.
			this.metadata.onRefreshed(this.refresher::start);
		}
	}

	/**
	 * A handler for a KV Connect URL ({@code http://host:4512}, {@code https://api.deno.com/databases/<id>/connect}).
	 * Nothing is sent until the first call or {@link #refreshMetadata()}.
	 */
	public static RemoteDatabaseHandler create(URI url, String accessToken, RemoteOptions options) {
		return builder(url, accessToken).options(options).build();
	}

	public static Builder builder(URI url, String accessToken) {
		return new Builder(url, accessToken);
	}

	/**
	 * The access token from the environment variable {@value #ACCESS_TOKEN_ENV}, as Deno reads it.
	 * @throws KvInvalidArgumentException with Deno's message when it is not set
	 */
	public static String accessTokenFromEnvironment() {
		String token = System.getenv(ACCESS_TOKEN_ENV);
		if (token == null || token.isEmpty()) {
			throw new KvInvalidArgumentException("Missing DENO_KV_ACCESS_TOKEN environment variable. "
					+ "Please set it to your access token from https://console.deno.com");
		}
		return token;
	}

	// ---- DatabaseHandler

	@Override
	public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
		checkOpen();
		byte[] body = ReadMapping.toSnapshotRead(ranges).toByteArray();
		return this.dataPath.call("snapshot_read", consistency, body, true, (response, version) -> {
			SnapshotReadOutput output = parse(() -> SnapshotReadOutput.parseFrom(response));
			boolean disabled = (version >= 3) ? output.getStatus() == SnapshotReadStatus.SR_READ_DISABLED
					: output.getReadDisabled();
			if (disabled) {
				throw new DataPath.StaleMetadata("Reads are disabled for this database");
			}
			if (consistency == Consistency.STRONG && !output.getReadIsStronglyConsistent()
					&& (version < 3 || output.getStatus() == SnapshotReadStatus.SR_SUCCESS)) {
				throw new DataPath.StaleMetadata("Strong consistency reads are not available for this database");
			}
			return protocol(() -> ReadMapping.fromSnapshotReadOutput(output, version, consistency));
		});
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Enqueues are sent along (this project's server stores them; denokv and Deno Deploy may
	 * reject them). A write whose outcome is unknown after a transport failure is retried when
	 * {@link RemoteOptions#retryAmbiguousWrites()} is on (the default, as in Deno): a write without
	 * checks, such as a {@code sum}, may then be applied twice.
	 */
	@Override
	public CommitResult atomicWrite(AtomicWrite write) {
		checkOpen();
		byte[] body = WriteMapping.toProto(write).toByteArray();
		return this.dataPath.call("atomic_write", Consistency.STRONG, body, false, (response, version) -> {
			AtomicWriteOutput output = parse(() -> AtomicWriteOutput.parseFrom(response));
			if (output.getStatus() == AtomicWriteStatus.AW_WRITE_DISABLED) {
				throw new DataPath.StaleMetadata("Writes are disabled for this database");
			}
			return protocol(() -> WriteMapping.fromProto(output));
		});
	}

	/**
	 * Runs {@link #atomicWrite} on the handler's worker pool, so that writes in flight from one
	 * thread travel concurrently (KV Connect has no batching across requests); the future completes
	 * on a worker thread.
	 */
	@Override
	public CompletableFuture<CommitResult> atomicWriteAsync(AtomicWrite write) {
		AsyncWrite async = new AsyncWrite();
		CompletableFuture<CommitResult> future = async.future;
		try {
			checkOpen();
			this.asyncWrites.add(async);
			future.whenComplete((result, ex) -> this.asyncWrites.remove(async));
			this.executors.workers().execute(() -> {
				if (!async.start()) {
					return; // close() came first: never sent
				}
				try {
					future.complete(atomicWrite(write));
				}
				catch (RuntimeException ex) {
					future.completeExceptionally(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			if (!this.closed.get()) {
				future.completeExceptionally(ex);
			}
		}
		if (this.closed.get()) {
			// close() may have shut the pool down before this write ran, or under us (a
			// RejectedExecutionException): either way it was never sent.
			async.endByClose();
		}
		return future;
	}

	/**
	 * Always throws: KV Connect has no queue delivery (Deno logs "KV Connect does not support
	 * queues." and never delivers). Enqueued messages are stored by the server; consume them with a
	 * handler that opens the server's database directly.
	 */
	@Override
	public QueueMessage nextQueueMessage(Duration timeout) {
		checkOpen();
		throw new UnsupportedOperationException("KV Connect does not support queues: a remote database cannot deliver "
				+ "queue messages (listenQueue). Enqueued messages are stored by the server; listen on a database "
				+ "opened directly on the server's SQLite file instead.");
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Needs protocol version 3. The stream reconnects on its own after connection loss (with
	 * backoff) and after {@link RemoteOptions#watchIdleTimeout()} without any frame, and delivers the
	 * full state again after each reconnect, so no change is missed.
	 */
	@Override
	public WatchStream watch(List<byte[]> keys) {
		checkOpen();
		Objects.requireNonNull(keys, "keys");
		if (keys.isEmpty()) {
			throw new KvInvalidArgumentException("watch needs at least one key");
		}
		RemoteWatchStream[] self = new RemoteWatchStream[1];
		RemoteWatchStream stream = new RemoteWatchStream(List.copyOf(keys), this.metadata, this.transport, this.retry,
				this.options, this.executors, () -> this.watches.remove(self[0]));
		self[0] = stream;
		this.watches.add(stream);
		if (this.closed.get()) {
			stream.close();
			throw new KvClosedException("The remote database handler is closed");
		}
		stream.start();
		return stream;
	}

	@Override
	public String backendName() {
		return "remote";
	}

	/**
	 * Stops the background refresher and every watch stream, then the handler's threads and, if the
	 * handler created it, its HTTP client. Idempotent.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (this.refresher != null) {
			this.refresher.stop();
		}
		for (RemoteWatchStream stream : List.copyOf(this.watches)) {
			stream.close();
		}
		// Before the workers are interrupted, so that a write cut short reports an unknown outcome,
		// not the interruption.
		for (AsyncWrite write : List.copyOf(this.asyncWrites)) {
			write.endByClose();
		}
		this.executors.shutdown();
		if (this.ownsClient) {
			HttpTransport.shutdown(this.transport.client());
		}
	}

	// ---- metadata

	/**
	 * Exchanges the metadata now (with retries up to the deadline), whether or not it is due.
	 * @return the new state
	 * @throws KvRemoteException when the exchange fails
	 */
	public RemoteMetadataState refreshMetadata() {
		checkOpen();
		this.retry.call("metadata exchange", true, (deadline) -> this.metadata.refresh(this.metadata.held(), deadline));
		return metadataState();
	}

	/**
	 * Exchanges the metadata if none is held, it has expired, or its planned refresh time has
	 * come; for schedulers outside the handler (turn {@link RemoteOptions#backgroundRefresh()} off
	 * then). A failure is logged and recorded in {@link #metadataState()}, not thrown, so the next
	 * call simply tries again.
	 * @return whether an exchange succeeded
	 */
	public boolean refreshIfDue() {
		if (this.closed.get() || !this.metadata.isRefreshDue()) {
			return false;
		}
		try {
			this.retry.call("metadata exchange", true, (deadline) -> this.metadata.refresh(this.metadata.held(), deadline));
			return true;
		}
		catch (KvException ex) {
			logger.warn("KV Connect metadata refresh failed: {}", ex.getMessage());
			return false;
		}
	}

	/** What the last metadata exchange told: version, database id, endpoints, token expiry; never the token. */
	public RemoteMetadataState metadataState() {
		return this.metadata.state();
	}

	/** The options this handler runs with. */
	public RemoteOptions options() {
		return this.options;
	}

	private void checkOpen() {
		if (this.closed.get()) {
			throw new KvClosedException("The remote database handler is closed");
		}
	}

	@FunctionalInterface
	private interface ProtobufParser<T> {

		T parse() throws InvalidProtocolBufferException;

	}

	private static <T> T parse(ProtobufParser<T> parser) {
		try {
			return parser.parse();
		}
		catch (InvalidProtocolBufferException ex) {
			// denokv_remote's message.
			throw new KvRemoteException("KV Connect failed to decode response", 200, false, ex);
		}
	}

	private static <T> T protocol(java.util.function.Supplier<T> mapping) {
		try {
			return mapping.get();
		}
		catch (KvConnectProtocolException ex) {
			throw new KvRemoteException(ex.getMessage(), 200, false, ex);
		}
	}

	/** Builds a {@link RemoteDatabaseHandler}. */
	public static final class Builder {

		private final URI url;

		private final String accessToken;

		private RemoteOptions options = RemoteOptions.defaults();

		private HttpClient httpClient;

		private RetryListener retryListener;

		private Builder(URI url, String accessToken) {
			this.url = Objects.requireNonNull(url, "url");
			this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(java.util.Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https")) {
				throw new KvInvalidArgumentException("A KV Connect URL must start with http:// or https://, got " + url);
			}
		}

		public Builder options(RemoteOptions options) {
			this.options = Objects.requireNonNull(options, "options");
			return this;
		}

		/**
		 * The JDK client to send requests with (for TLS settings or a proxy); by default one with
		 * {@link RemoteOptions#connectTimeout()}, HTTP/2 where offered, and no redirects.
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/** Notified of every retry, for metrics. */
		public Builder retryListener(RetryListener retryListener) {
			this.retryListener = retryListener;
			return this;
		}

		public RemoteDatabaseHandler build() {
			return new RemoteDatabaseHandler(this);
		}

	}


	/**
	 * An {@link #atomicWriteAsync} write and whether a worker has started sending it: close() may
	 * call a write that never left "not performed", but one already on its way may have been
	 * committed by the server, and saying "closed" would read as "not written".
	 */
	private static final class AsyncWrite {

		final CompletableFuture<CommitResult> future = new CompletableFuture<>();

		private final AtomicBoolean started = new AtomicBoolean();

		/** Claims the write for a worker; {@code false} when close() ended it first. */
		boolean start() {
			return this.started.compareAndSet(false, true);
		}

		void endByClose() {
			if (start()) {
				this.future.completeExceptionally(new KvClosedException("The remote database handler is closed"));
			}
			else {
				this.future.completeExceptionally(new KvRemoteException("KV Connect atomic_write: the outcome is unknown. "
						+ "The handler was closed while the write was in flight, so it may or may not have been "
						+ "committed; read the keys to find out", KvRemoteException.NO_STATUS, false));
			}
		}

	}

}
