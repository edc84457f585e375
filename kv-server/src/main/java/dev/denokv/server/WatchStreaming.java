package dev.denokv.server;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.denokv.core.NamedThreadFactory;
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

	private final DatabaseHandler handler;

	private final KvConnectServerOptions options;

	private final Semaphore permits;

	private final ExecutorService executor;

	private final Set<WatchSession> sessions = ConcurrentHashMap.newKeySet();

	WatchStreaming(DatabaseHandler handler, KvConnectServerOptions options) {
		this.handler = handler;
		this.options = options;
		this.permits = new Semaphore(options.maxConcurrentWatches());
		this.executor = Executors.newCachedThreadPool(new NamedThreadFactory("kv-connect-watch-"));
	}

	void handle(HttpServletRequest request, HttpServletResponse response, List<byte[]> keys) throws IOException {
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
		response.setStatus(200);
		response.setCharacterEncoding((String) null);
		response.setContentType(WatchFrames.CONTENT_TYPE);
		try {
			// The first ping goes out on the request thread, before any hand-off to the stream's own
			// thread: the client gets the headers and a first frame whatever happens to the async
			// request afterwards (denokv's ticker also pings at once).
			WatchFrames.writePing(response.getOutputStream());
			response.flushBuffer();
		}
		catch (IOException ex) {
			end(session);
			return;
		}
		if (!request.isAsyncSupported()) {
			try {
				session.run(response.getOutputStream());
			}
			finally {
				end(session);
			}
			return;
		}
		try {
			AsyncContext async = request.startAsync();
			async.setTimeout(0);
			async.addListener(new SessionCloser(session));
			this.executor.execute(() -> {
				try {
					session.run(response.getOutputStream());
				}
				catch (IOException | RuntimeException ex) {
					// The response is gone; nothing left to tell the client.
				}
				finally {
					end(session);
					complete(async);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			end(session);
			throw new KvConnectError(503, HandlerErrors.UNAVAILABLE);
		}
		catch (RuntimeException ex) {
			end(session);
			throw ex;
		}
	}

	private static void complete(AsyncContext async) {
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			// The container already ended the request (client reset or shutdown).
		}
	}

	private void end(WatchSession session) {
		if (this.sessions.remove(session)) {
			session.close();
			this.permits.release();
		}
	}

	/** Ends every open watch and stops the threads. */
	@Override
	public void close() {
		this.sessions.forEach(WatchSession::close);
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Closes the session when the container ends the request (client reset, error, shutdown). */
	private record SessionCloser(WatchSession session) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.session.close();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.session.close();
		}

		@Override
		public void onError(AsyncEvent event) {
			this.session.close();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
