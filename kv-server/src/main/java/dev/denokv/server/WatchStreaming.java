package dev.denokv.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.error.KvException;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.protocol.WatchFrames;

/**
 * Runs {@code watch} responses. With async servlet support (the default for Tomcat and Spring Boot
 * registrations) each stream runs on this class's own threads, so long-lived watches do not hold the
 * container's request threads, nor count against HTTP/2's per-connection execution limit. At most
 * {@code maxConcurrentWatches} run at once; more get 503, which clients retry.
 */
final class WatchStreaming implements AutoCloseable {

	static final String TOO_MANY_WATCHES = "Too many concurrent watches, try again later.";

	/** How long {@link #close()} lets the streams end by themselves, then again after interrupting them. */
	private static final long STOP_MILLIS = 1000;

	private final DatabaseHandler handler;

	private final KvConnectServerOptions options;

	private final Semaphore permits;

	private final ExecutorService executor;

	private final Set<WatchSession> sessions = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean warnedSync = new AtomicBoolean();

	/** While set, new watches get 503 (a stopped application context); see {@link #pause()}. */
	private volatile boolean paused;

	private static final Logger logger = LoggerFactory.getLogger(WatchStreaming.class);

	WatchStreaming(DatabaseHandler handler, KvConnectServerOptions options) {
		this.handler = handler;
		this.options = options;
		this.permits = new Semaphore(options.maxConcurrentWatches());
		this.executor = Executors.newCachedThreadPool(new NamedThreadFactory("kv-connect-watch-"));
	}

	void handle(HttpServletRequest request, HttpServletResponse response, List<byte[]> keys) throws IOException {
		if (this.paused) {
			throw new KvConnectError(503, HandlerErrors.UNAVAILABLE);
		}
		if (!this.permits.tryAcquire()) {
			throw new KvConnectError(503, TOO_MANY_WATCHES);
		}
		WatchSession session;
		try {
			session = new WatchSession(this.handler.watch(keys), this.options.pingInterval());
		}
		catch (RuntimeException ex) {
			this.permits.release();
			throw HandlerErrors.map(ex, "watch");
		}
		this.sessions.add(session);
		if (this.paused) {
			// Paused meanwhile: pause() may have missed this session.
			end(session);
			throw new KvConnectError(503, HandlerErrors.UNAVAILABLE);
		}
		response.setStatus(200);
		response.setCharacterEncoding((String) null);
		response.setContentType(WatchFrames.CONTENT_TYPE);
		if (!request.isAsyncSupported()) {
			if (this.warnedSync.compareAndSet(false, true)) {
				logger.warn("KV Connect watches run without async servlet support: each holds a request thread,"
						+ " up to a ping interval after its client went away, and HTTP/2 runs only so many streams"
						+ " at once per connection. Make every filter in front of the KV Connect servlet async-supported.");
			}
			try {
				stream(session, response);
			}
			finally {
				end(session);
			}
			return;
		}
		AsyncWatch watch;
		try {
			AsyncContext async = request.startAsync();
			async.setTimeout(0);
			watch = new AsyncWatch(session, async);
			async.addListener(watch);
		}
		catch (RuntimeException ex) {
			end(session);
			throw ex;
		}
		try {
			this.executor.execute(() -> {
				try {
					stream(session, response);
				}
				finally {
					try {
						end(session);
					}
					finally {
						watch.workerDone();
					}
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shutting down. The request is async already but nothing has been written: answer 503,
			// which clients retry, and end it here.
			try {
				end(session);
				KvConnectServlet.writeError(response, new KvConnectError(503, HandlerErrors.UNAVAILABLE));
			}
			catch (IOException | RuntimeException writeFailure) {
				// The client is gone too.
			}
			finally {
				watch.workerDone();
			}
		}
	}

	/**
	 * Writes the first ping (denokv's ticker also pings at once), then the session's frames until it
	 * ends. On the stream's own thread when async, after {@code startAsync}: a client reset between
	 * a flush on the request thread and {@code startAsync} leaves Tomcat unable to end the request
	 * cleanly, and it then drops the whole HTTP/2 connection, with the other requests on it.
	 */
	private static void stream(WatchSession session, HttpServletResponse response) {
		try {
			WatchFrames.writePing(response.getOutputStream());
			response.flushBuffer();
			session.run(response.getOutputStream());
		}
		catch (KvException ex) {
			// The database failed (a closed one ends the session quietly): the client reconnects and
			// watches again, and without this line the failure would show only as clients that keep
			// reconnecting.
			logger.warn("A KV Connect watch stream failed; its client will reconnect", ex);
		}
		catch (IOException | RuntimeException ex) {
			// The response is gone; nothing left to tell the client.
		}
	}

	private void end(WatchSession session) {
		if (this.sessions.remove(session)) {
			session.close();
			this.permits.release();
		}
	}

	/**
	 * Ends every open watch and answers new ones with 503 until {@link #resume()}; the threads stay
	 * (a context that is stopped may be started again).
	 */
	void pause() {
		this.paused = true;
		this.sessions.forEach(WatchSession::close);
	}

	/** Takes new watches again after {@link #pause()}. */
	void resume() {
		this.paused = false;
	}

	/**
	 * Ends every open watch and stops the threads, waiting up to a second for them, then
	 * interrupting them and waiting another second. A stream whose client stopped reading is stuck
	 * in a blocking write that neither closing its session nor an interrupt wakes (Tomcat 11's NIO
	 * write swallows the interrupt): its thread ends only at the container's write timeout.
	 * Idempotent.
	 */
	@Override
	public void close() {
		pause();
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
				this.executor.shutdownNow();
				this.executor.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One async watch response, and who ends it: exactly one of the stream's thread (the session
	 * ended: the client got everything) and the container's error or timeout callback (a client
	 * reset) calls {@code complete()}. Both at once is what made Tomcat drop the connection: the
	 * stream's thread completing while the container handles the error itself.
	 */
	private static final class AsyncWatch implements AsyncListener {

		/** How long an error callback waits for the stream's thread to stop writing. */
		private static final long WORKER_STOP_SECONDS = 5;

		private final WatchSession session;

		private final AsyncContext async;

		private final AtomicBoolean completing = new AtomicBoolean();

		private final CountDownLatch worker = new CountDownLatch(1);

		AsyncWatch(WatchSession session, AsyncContext async) {
			this.session = session;
			this.async = async;
		}

		/** The stream's thread has stopped writing; it completes the request unless an error callback does. */
		void workerDone() {
			try {
				if (this.completing.compareAndSet(false, true)) {
					complete();
				}
			}
			finally {
				// After complete(): an error callback that lost the race must not return to the
				// container (which then completes the request itself) before this complete() ran.
				this.worker.countDown();
			}
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.session.close();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			endFromContainer();
		}

		@Override
		public void onError(AsyncEvent event) {
			endFromContainer();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

		/** Claims the completion first, stops the session, lets the stream's thread finish, then completes. */
		private void endFromContainer() {
			boolean mine = this.completing.compareAndSet(false, true);
			this.session.close();
			try {
				this.worker.await(WORKER_STOP_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (mine) {
				complete();
			}
		}

		private void complete() {
			try {
				this.async.complete();
			}
			catch (IllegalStateException ex) {
				// The container already ended the request (shutdown).
			}
		}

	}

}
