package dev.denokv.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

import com.deno.kv.datapath.SnapshotReadStatus;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvException;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.protocol.WatchFrameReader;
import dev.denokv.protocol.WatchMapping;
import dev.denokv.protocol.WatchSnapshotDecoder;

/**
 * A v3 {@code watch} over KV Connect that survives connection loss. One reader thread (from the
 * handler's pool) holds the streaming response open with no read deadline; a watchdog on the
 * handler's timer aborts a connection that delivers nothing, not even a keep-alive frame, for
 * {@link RemoteOptions#watchIdleTimeout()}. After any loss the reader reconnects with randomized
 * exponential backoff, and the new connection's first frame, a full snapshot, is delivered as it
 * is: a change made while disconnected is therefore never missed.
 * <p>
 * Snapshots are collapsed: a slow consumer gets the latest state, not every intermediate one
 * (allowed by {@link WatchStream}). Authorization failures and disabled reads refresh the metadata
 * once before the stream gives up; other 4xx answers end the stream with the server's message,
 * which {@link #poll} then throws.
 */
final class RemoteWatchStream implements WatchStream {

	private static final Logger logger = LoggerFactory.getLogger(RemoteWatchStream.class);

	private final int keyCount;

	private final byte[] requestBody;

	private final MetadataExchange metadata;

	private final HttpTransport transport;

	private final RemoteRetry retry;

	private final RemoteOptions options;

	private final RemoteExecutors executors;

	private final Runnable onClose;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition delivered = this.lock.newCondition();

	private final CountDownLatch closedSignal = new CountDownLatch(1);

	// Guarded by lock.
	private List<RawEntry> pending;

	private RuntimeException failure;

	private boolean closed;

	private Future<?> reader;

	private ScheduledFuture<?> watchdog;

	// The live connection, for the watchdog and close().
	private volatile CompletableFuture<?> connecting;

	private volatile InputStream body;

	private volatile long lastActivityNanos;

	// Only touched by the reader thread.
	private List<RawEntry> lastSnapshot;

	private boolean connectionDelivered;

	private long connectionOpenedNanos;

	/** How long a connection must have lived for its end to reset the reconnect back-off. */
	private final long healthyConnectionNanos;

	private volatile int connections;

	RemoteWatchStream(List<byte[]> keys, MetadataExchange metadata, HttpTransport transport, RemoteRetry retry,
			RemoteOptions options, RemoteExecutors executors, Runnable onClose) {
		this.keyCount = keys.size();
		this.requestBody = WatchMapping.toWatch(keys).toByteArray();
		this.metadata = metadata;
		this.transport = transport;
		this.retry = retry;
		this.options = options;
		this.executors = executors;
		this.onClose = onClose;
		// As long as the longest reconnect delay: a stream that stays up for less is not healthy.
		this.healthyConnectionNanos = options.retry().maxDelay().toNanos();
	}

	void start() {
		long period = Math.max(10, this.options.watchIdleTimeout().toMillis() / 4);
		this.lock.lock();
		try {
			this.reader = this.executors.workers().submit(this::run);
			this.watchdog = this.executors.timer()
				.scheduleWithFixedDelay(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many connections were opened so far (tests and diagnostics). */
	int connections() {
		return this.connections;
	}

	@Override
	public List<RawEntry> poll(Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
		this.lock.lockInterruptibly();
		try {
			while (this.pending == null && this.failure == null && !this.closed) {
				if (nanos <= 0) {
					return null;
				}
				nanos = this.delivered.awaitNanos(nanos);
			}
			if (this.closed) {
				throw new KvClosedException("The watch stream is closed");
			}
			if (this.pending != null) {
				List<RawEntry> snapshot = this.pending;
				this.pending = null;
				return snapshot;
			}
			throw this.failure;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() {
		Future<?> readerTask;
		ScheduledFuture<?> watchdogTask;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			readerTask = this.reader;
			watchdogTask = this.watchdog;
			this.delivered.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		this.closedSignal.countDown();
		abortConnection();
		if (watchdogTask != null) {
			watchdogTask.cancel(false);
		}
		if (readerTask != null) {
			readerTask.cancel(true);
		}
		this.onClose.run();
	}

	private boolean isClosed() {
		return this.closedSignal.getCount() == 0;
	}

	// ---- reader thread

	private void run() {
		BackOffExecution backOff = this.retry.unlimitedBackOff().start();
		boolean refreshed = false;
		while (!isClosed()) {
			ResolvedMetadata md = null;
			try {
				md = this.metadata.current(RemoteRetry.Deadline.after(this.options.requestTimeout()));
				connectAndRead(md);
			}
			catch (StaleConnection ex) {
				if (refreshed) {
					fail(new KvRemoteException(ex.getMessage(), ex.status, false));
					return;
				}
				try {
					this.metadata.refresh(md, RemoteRetry.Deadline.after(this.options.requestTimeout()));
					// Only a refresh that happened counts: after a failed one the next rejection refreshes again.
					refreshed = true;
					continue;
				}
				catch (RuntimeException refreshFailure) {
					if (!RemoteRetry.isTransient(refreshFailure)) {
						fail(refreshFailure);
						return;
					}
				}
			}
			catch (RuntimeException ex) {
				if (isClosed()) {
					return;
				}
				if (!RemoteRetry.isTransient(ex)) {
					fail(ex);
					return;
				}
				logger.debug("KV Connect watch connection failed, reconnecting: {}", ex.getMessage());
			}
			if (this.connectionDelivered) {
				// The token worked: a later rejection deserves a refresh of its own.
				this.connectionDelivered = false;
				refreshed = false;
				if (System.nanoTime() - this.connectionOpenedNanos >= this.healthyConnectionNanos) {
					// A healthy connection was lost: start over with the shortest delay. One that ends
					// right after its first snapshot (a proxy cutting streams) keeps backing off instead
					// of reconnecting several times a second for ever.
					backOff = this.retry.unlimitedBackOff().start();
				}
			}
			if (!sleep(backOff.nextBackOff())) {
				return;
			}
		}
	}

	/** Opens one connection and delivers its snapshots until it ends. */
	private void connectAndRead(ResolvedMetadata md) {
		if (md.version() < 3) {
			throw new KvRemoteException("watch needs KV Connect protocol version 3, but the server negotiated version "
					+ md.version(), KvRemoteException.NO_STATUS, false);
		}
		RemoteEndpoint endpoint = md.endpointFor(Consistency.STRONG)
			.orElseThrow(() -> new KvRemoteException("No strong consistency endpoint is available for this database",
					KvRemoteException.NO_STATUS, false));
		URI url = endpoint.methodUrl("watch");
		HttpRequest request = this.transport.newPost(url, DataPath.headers(md), this.requestBody)
			.timeout(this.options.requestTimeout())
			.build();
		HttpResponse<InputStream> response = open(url, request);
		this.connections++;
		InputStream in = response.body();
		// The timestamp first: the watchdog must never see this body with the last connection's time.
		this.lastActivityNanos = System.nanoTime();
		this.connectionOpenedNanos = this.lastActivityNanos;
		this.body = in;
		try (in) {
			if (isClosed()) {
				return;
			}
			if (response.statusCode() != 200) {
				throw rejected(url, response.statusCode(), in);
			}
			readFrames(url, in);
		}
		catch (IOException ex) {
			throw HttpTransport.networkFailure(url, ex);
		}
		finally {
			this.body = null;
		}
	}

	private HttpResponse<InputStream> open(URI url, HttpRequest request) {
		CompletableFuture<HttpResponse<InputStream>> future = this.transport.client()
			.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
		this.connecting = future;
		try {
			if (isClosed()) {
				future.cancel(true);
			}
			return future.get(this.options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw HttpTransport.networkFailure(url, new java.net.http.HttpTimeoutException("no response headers within "
					+ this.options.requestTimeout()));
		}
		catch (InterruptedException | CancellationException ex) {
			future.cancel(true);
			throw new KvClosedException("The watch stream is closed");
		}
		catch (ExecutionException ex) {
			throw HttpTransport.networkFailure(url, ex.getCause());
		}
		finally {
			this.connecting = null;
		}
	}

	private void readFrames(URI url, InputStream in) throws IOException {
		WatchFrameReader frames = new WatchFrameReader(in);
		WatchSnapshotDecoder decoder = new WatchSnapshotDecoder(this.keyCount, this.lastSnapshot);
		WatchFrameReader.Frame frame;
		while ((frame = frames.next()) != null) {
			this.lastActivityNanos = System.nanoTime();
			if (frame.isPing()) {
				continue;
			}
			if (frame.output().getStatus() == SnapshotReadStatus.SR_READ_DISABLED) {
				throw new StaleConnection("Reads are disabled for this database", 200);
			}
			List<RawEntry> snapshot = decoder.apply(frame.output());
			this.lastSnapshot = snapshot;
			publish(snapshot);
			this.connectionDelivered = true;
		}
		logger.debug("KV Connect watch stream from '{}' ended, reconnecting", HttpTransport.redact(url));
	}

	private RuntimeException rejected(URI url, int status, InputStream in) throws IOException {
		HttpTransport.Response response = new HttpTransport.Response(status, "", in.readNBytes(64 * 1024));
		if (DataPath.isAuthFailure(response)) {
			return new StaleConnection(DataPath.failure(url, response).getMessage(), status);
		}
		return DataPath.failure(url, response);
	}

	private void publish(List<RawEntry> snapshot) {
		this.lock.lock();
		try {
			this.pending = snapshot;
			this.delivered.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void fail(RuntimeException ex) {
		ScheduledFuture<?> watchdogTask;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.failure = (ex instanceof KvException) ? ex : new KvRemoteException("KV Connect watch failed: " + ex,
					KvRemoteException.NO_STATUS, false, ex);
			watchdogTask = this.watchdog;
			this.delivered.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (watchdogTask != null) {
			watchdogTask.cancel(false);
		}
		logger.warn("KV Connect watch stopped: {}", ex.getMessage());
	}

	/** Waits for the backoff delay; {@code false} when the stream was closed meanwhile. */
	private boolean sleep(long millis) {
		try {
			return !this.closedSignal.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	// ---- watchdog (timer thread)

	private void checkIdle() {
		InputStream in = this.body;
		if (in == null) {
			return;
		}
		long idle = System.nanoTime() - this.lastActivityNanos;
		if (idle > this.options.watchIdleTimeout().toNanos()) {
			logger.debug("KV Connect watch received nothing for {} ms, reconnecting", TimeUnit.NANOSECONDS.toMillis(idle));
			closeQuietly(in);
		}
	}

	private void abortConnection() {
		CompletableFuture<?> future = this.connecting;
		if (future != null) {
			future.cancel(true);
		}
		InputStream in = this.body;
		if (in != null) {
			closeQuietly(in);
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// Aborting anyway.
		}
	}

	/** The server rejected this connection's metadata: refresh it once and reconnect. */
	private static final class StaleConnection extends RuntimeException {

		private final int status;

		StaleConnection(String message, int status) {
			super(message, null, false, false);
			this.status = status;
		}

	}

}
