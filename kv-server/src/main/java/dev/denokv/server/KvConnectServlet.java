package dev.denokv.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.Watch;
import com.google.protobuf.MessageLite;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.protocol.ReadMapping;
import dev.denokv.protocol.WatchMapping;
import dev.denokv.protocol.WriteMapping;

/**
 * A KV Connect server over any {@link DatabaseHandler}, as a plain Jakarta servlet: it runs in
 * Spring Boot's Tomcat (register it with a {@code ServletRegistrationBean}) and in a standalone
 * embedded Tomcat ({@link KvConnectServer}).
 *
 * <p>Map it to {@code <prefix>/*} (or {@code /*}) with async support on. Then
 * <ul>
 * <li>{@code POST <prefix>} (or {@code <prefix>/}) is the metadata exchange: the URL clients open
 * ({@code Deno.openKv("http://host:port<prefix>")});</li>
 * <li>{@code POST <prefix>/v2/snapshot_read}, {@code /v2/atomic_write} and {@code /v2/watch} are the
 * data path;</li>
 * <li>anything else is 404 {@code Resource not found.}, other methods 405.</li>
 * </ul>
 * Status codes and messages follow the {@code denokv} server (kv-format.md §9). Deno speaks only
 * HTTP/2 to KV Connect servers, so the container must offer h2c (prior knowledge) on plain HTTP
 * and h2 over TLS: in Spring Boot set {@code server.http2.enabled=true}.
 *
 * <p>The servlet does not own the handler: {@link #destroy()} ends open watch streams but leaves the
 * handler open. Enqueues that arrive in {@code atomic_write} are stored by the handler and reach
 * whatever queue listeners the application runs on it.
 */
public class KvConnectServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	static final String NOT_FOUND = "Resource not found.";

	private static final String PROTOBUF = "application/x-protobuf";

	private static final Logger logger = LoggerFactory.getLogger(KvConnectServlet.class);

	private final transient DatabaseHandler handler;

	private final transient MetadataExchange metadata;

	private final transient DataPathGuard guard;

	private final transient WatchStreaming watches;

	public KvConnectServlet(DatabaseHandler handler, KvConnectServerOptions options) {
		this.handler = Objects.requireNonNull(handler, "handler");
		AccessTokenVerifier verifier = new AccessTokenVerifier(options.accessToken());
		this.metadata = new MetadataExchange(options, verifier, Clock.systemUTC());
		this.guard = new DataPathGuard(options, verifier);
		this.watches = new WatchStreaming(handler, options);
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Route route = Route.of(request.getPathInfo());
		try {
			if (route == null) {
				throw new KvConnectError(404, NOT_FOUND);
			}
			if (!"POST".equals(request.getMethod())) {
				response.setHeader("Allow", "POST");
				throw new KvConnectError(405, "Method not allowed.");
			}
			switch (route) {
				case METADATA -> this.metadata.handle(request, response);
				case SNAPSHOT_READ -> snapshotRead(request, response);
				case ATOMIC_WRITE -> atomicWrite(request, response);
				case WATCH -> watch(request, response);
			}
		}
		catch (KvConnectError ex) {
			writeError(response, ex);
		}
		catch (RuntimeException ex) {
			writeError(response, HandlerErrors.map(ex, String.valueOf(route)));
		}
	}

	private void snapshotRead(HttpServletRequest request, HttpServletResponse response) throws IOException {
		SnapshotRead read = this.guard.admit(request, SnapshotRead.parser());
		RequestLimits.check(read);
		var ranges = ReadMapping.fromSnapshotRead(read);
		var outputs = call(() -> this.handler.snapshotRead(ranges, Consistency.STRONG), "snapshot_read");
		writeProtobuf(response, ReadMapping.toSnapshotReadOutput(outputs));
	}

	private void atomicWrite(HttpServletRequest request, HttpServletResponse response) throws IOException {
		AtomicWrite write = this.guard.admit(request, AtomicWrite.parser());
		RequestLimits.check(write, System.currentTimeMillis());
		var atomic = WriteMapping.fromProto(write);
		var result = call(() -> this.handler.atomicWrite(atomic), "atomic_write");
		writeProtobuf(response, WriteMapping.toProto(result));
	}

	private void watch(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Watch watch = this.guard.admit(request, Watch.parser());
		RequestLimits.check(watch);
		this.watches.handle(request, response, WatchMapping.fromWatch(watch));
	}

	private static <T> T call(java.util.function.Supplier<T> operation, String name) {
		try {
			return operation.get();
		}
		catch (RuntimeException ex) {
			throw HandlerErrors.map(ex, name);
		}
	}

	private static void writeProtobuf(HttpServletResponse response, MessageLite message) throws IOException {
		byte[] body = message.toByteArray();
		response.setStatus(200);
		response.setCharacterEncoding((String) null);
		response.setContentType(PROTOBUF);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** Writes an error as status and plain-text body, unless the response is already committed. */
	static void writeError(HttpServletResponse response, KvConnectError error) throws IOException {
		if (response.isCommitted()) {
			logger.debug("KV Connect error after the response was committed: {}", error.getMessage());
			return;
		}
		byte[] body = error.getMessage().getBytes(StandardCharsets.UTF_8);
		response.setStatus(error.status());
		response.setContentType("text/plain; charset=utf-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * Ends every open watch stream and answers later watch requests with 503, which clients retry,
	 * until {@link #resumeWatches()}; reads and writes go on. For the start of a graceful shutdown:
	 * the container waits for open requests to end, and a watch never ends by itself. Idempotent.
	 */
	public void endWatches() {
		this.watches.pause();
	}

	/** Takes watch requests again after {@link #endWatches()} (an application context started again). */
	public void resumeWatches() {
		this.watches.resume();
	}

	/** Ends every open watch stream; the handler stays open (the servlet does not own it). */
	@Override
	public void destroy() {
		closeWatches();
		super.destroy();
	}

	/** Ends every open watch stream and stops their threads for good. Idempotent. */
	void closeWatches() {
		this.watches.close();
	}

	/** The operations, by path below the servlet's mapping. */
	private enum Route {

		METADATA, SNAPSHOT_READ, ATOMIC_WRITE, WATCH;

		static Route of(String pathInfo) {
			String path = (pathInfo != null) ? pathInfo.replaceAll("/{2,}", "/") : "/";
			return switch (path) {
				case "/" -> METADATA;
				case "/v2/snapshot_read" -> SNAPSHOT_READ;
				case "/v2/atomic_write" -> ATOMIC_WRITE;
				case "/v2/watch" -> WATCH;
				default -> null;
			};
		}

	}

}
