package dev.denokv.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.deno.kv.datapath.SnapshotReadStatus;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKeyOutput;
import com.deno.kv.datapath.WatchOutput;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.RawEntry;
import dev.denokv.protocol.DatabaseMetadata;
import dev.denokv.protocol.MetadataJson;
import dev.denokv.protocol.ReadMapping;
import dev.denokv.protocol.WatchFrames;
import dev.denokv.protocol.WatchMapping;
import dev.denokv.protocol.WriteMapping;

/**
 * A loopback KV Connect server for fault tests (JDK {@link HttpServer} on 127.0.0.1, HTTP/1.1):
 * metadata at {@code /kvdb}, the data path at {@code /data/<method>} (and {@code /eventual/<method>}),
 * backed by a {@link MemoryStore}. Faults are queued per route ({@code metadata}, {@code snapshot_read},
 * {@code atomic_write}, {@code watch}); each request takes the next one, and behaves normally when
 * none is left. Every request is recorded with its arrival time. Watch streams send diffs:
 * unchanged keys are marked {@code changed=false}, which denokv never does.
 */
final class FaultServer implements AutoCloseable {

	static final String ACCESS_TOKEN = "test-access-token-123";

	static final UUID DATABASE_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "fault-server");
		t.setDaemon(true);
		return t;
	});

	final MemoryStore store = new MemoryStore();

	private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

	private final List<Recorded> requests = new ArrayList<>();

	/** Valid data-path tokens and their expiry. */
	private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	/** Trickled bodies whose client went away before the last byte. */
	private final AtomicInteger abandonedTrickles = new AtomicInteger();

	volatile int protocolVersion = 3;

	volatile Duration tokenLifetime = Duration.ofDays(1);

	volatile List<DatabaseMetadata.Endpoint> endpoints = List.of(new DatabaseMetadata.Endpoint("/data", Consistency.STRONG));

	volatile long pingIntervalMillis = 100;

	private volatile boolean stopped;

	FaultServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/kvdb");
	}

	/** Queues faults for a route; each request takes one. */
	void fault(String route, Fault... list) {
		Deque<Fault> queue = this.faults.computeIfAbsent(route, (r) -> new ArrayDeque<>());
		synchronized (queue) {
			queue.addAll(List.of(list));
		}
	}

	/** How many trickled bodies the client abandoned (closed the connection) before their end. */
	int abandonedTrickles() {
		return this.abandonedTrickles.get();
	}

	/** Invalidates every data-path token issued so far, as if they had expired server-side. */
	void revokeTokens() {
		this.tokens.clear();
	}

	List<Recorded> requests(String route) {
		synchronized (this.requests) {
			return this.requests.stream().filter((r) -> r.route.equals(route)).toList();
		}
	}

	@Override
	public void close() {
		this.stopped = true;
		synchronized (this.store) {
			this.store.notifyAll();
		}
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	// ---- dispatch

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String route = path.equals("/kvdb") ? "metadata" : path.substring(path.lastIndexOf('/') + 1);
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
			synchronized (this.requests) {
				this.requests.add(new Recorded(route, path, System.nanoTime(), headers, body));
			}
			Fault fault = nextFault(route);
			if (fault instanceof Fault.Drop) {
				return; // closing the exchange before any response drops the connection
			}
			if (fault instanceof Fault.Delay delay) {
				sleep(delay.duration().toMillis());
			}
			if (fault instanceof Fault.Status status) {
				send(exchange, status.code(), "text/plain", status.body().getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (fault instanceof Fault.Body raw) {
				send(exchange, 200, raw.contentType(), raw.body().getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (route.equals("metadata")) {
				metadata(exchange, headers);
				return;
			}
			String rejection = checkDataPath(headers);
			if (rejection != null) {
				send(exchange, rejection.startsWith("Invalid access") ? 401 : 400, "text/plain",
						rejection.getBytes(StandardCharsets.UTF_8));
				return;
			}
			if (fault instanceof Fault.Trickle trickle && route.equals("snapshot_read")) {
				trickle(exchange, snapshotRead(body), trickle.duration());
				return;
			}
			switch (route) {
				case "snapshot_read" -> send(exchange, 200, "application/x-protobuf", snapshotRead(body));
				case "atomic_write" -> atomicWrite(exchange, body, fault);
				case "watch" -> watch(exchange, Watch.parseFrom(body), fault);
				default -> send(exchange, 404, "text/plain", "Resource not found.".getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			// The client went away.
		}
	}

	private byte[] snapshotRead(byte[] body) throws IOException {
		return ReadMapping
			.toSnapshotReadOutput(this.store.read(ReadMapping.fromSnapshotRead(
					com.deno.kv.datapath.SnapshotRead.parseFrom(body))))
			.toByteArray();
	}

	/**
	 * Sends the headers at once, then the body a byte at a time spread over {@code duration}; a
	 * client that gives up closes the connection, which fails a later write here.
	 */
	private void trickle(HttpExchange exchange, byte[] body, Duration duration) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
		exchange.sendResponseHeaders(200, body.length);
		OutputStream out = exchange.getResponseBody();
		out.flush();
		long pause = duration.toMillis() / Math.max(1, body.length);
		try {
			for (byte b : body) {
				sleep(pause);
				if (this.stopped || Thread.currentThread().isInterrupted()) {
					return;
				}
				out.write(b);
				out.flush();
			}
		}
		catch (IOException ex) {
			this.abandonedTrickles.incrementAndGet();
			throw ex;
		}
	}

	private Fault nextFault(String route) {
		Deque<Fault> queue = this.faults.get(route);
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			return queue.poll();
		}
	}

	private void metadata(HttpExchange exchange, Map<String, String> headers) throws IOException {
		if (!("Bearer " + ACCESS_TOKEN).equals(headers.get("authorization"))) {
			send(exchange, 401, "text/plain", "Invalid access token.".getBytes(StandardCharsets.UTF_8));
			return;
		}
		String token = "data-token-" + this.issued.incrementAndGet();
		Instant expiresAt = Instant.now().plus(this.tokenLifetime);
		this.tokens.put(token, expiresAt);
		String json = MetadataJson.write(
				new DatabaseMetadata(this.protocolVersion, DATABASE_ID, this.endpoints, token, expiresAt));
		send(exchange, 200, MetadataJson.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8));
	}

	/** The 4xx message for a data-path request with bad headers, or {@code null} when they are right. */
	private String checkDataPath(Map<String, String> headers) {
		String auth = headers.getOrDefault("authorization", "");
		Instant expiry = auth.startsWith("Bearer ") ? this.tokens.get(auth.substring(7)) : null;
		if (expiry == null || !Instant.now().isBefore(expiry)) {
			return "Invalid access token.";
		}
		if (this.protocolVersion == 1) {
			return DATABASE_ID.toString().equals(headers.get("x-transaction-domain-id")) ? null
					: "Missing x-transaction-domain-id.";
		}
		if (!Integer.toString(this.protocolVersion).equals(headers.get("x-denokv-version"))) {
			return "Expected protocol version " + this.protocolVersion + ".";
		}
		return DATABASE_ID.toString().equals(headers.get("x-denokv-database-id")) ? null : "Invalid database id.";
	}

	private void atomicWrite(HttpExchange exchange, byte[] body, Fault fault) throws IOException {
		try {
			var result = this.store.write(WriteMapping.fromProto(com.deno.kv.datapath.AtomicWrite.parseFrom(body)));
			if (fault instanceof Fault.AppliedThenStatus lost) {
				send(exchange, lost.code(), "text/plain", "Bad Gateway".getBytes(StandardCharsets.UTF_8));
				return;
			}
			send(exchange, 200, "application/x-protobuf", WriteMapping.toProto(result).toByteArray());
		}
		catch (KvMutationException ex) {
			send(exchange, 400, "text/plain", ex.getMessage().getBytes(StandardCharsets.UTF_8));
		}
	}

	private void watch(HttpExchange exchange, Watch request, Fault fault) throws IOException {
		List<byte[]> keys = WatchMapping.fromWatch(request);
		exchange.getResponseHeaders().set("Content-Type", WatchFrames.CONTENT_TYPE);
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		long seen = this.store.version();
		List<RawEntry> last = this.store.snapshot(keys);
		out.write(WatchFrames.encode(WatchMapping.toWatchOutput(last)));
		out.flush();
		if (fault instanceof Fault.WatchEnd end) {
			out.close();
			exchange.close();
			end.afterwards().run();
			return;
		}
		boolean silent = fault instanceof Fault.WatchSilent;
		long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!this.stopped && System.nanoTime() < end) {
			if (silent) {
				sleep(20);
				continue;
			}
			try {
				this.store.awaitChange(seen, this.pingIntervalMillis);
			}
			catch (InterruptedException ex) {
				return;
			}
			long now = this.store.version();
			if (now == seen) {
				out.write(WatchFrames.ping());
			}
			else {
				seen = now;
				List<RawEntry> next = this.store.snapshot(keys);
				out.write(WatchFrames.encode(diff(last, next)));
				last = next;
			}
			out.flush();
		}
	}

	/** A frame marking only the keys whose entry changed. */
	private static WatchOutput diff(List<RawEntry> before, List<RawEntry> after) {
		WatchOutput.Builder b = WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS);
		for (int i = 0; i < after.size(); i++) {
			RawEntry entry = after.get(i);
			if (java.util.Objects.equals(before.get(i), entry)) {
				b.addKeys(WatchKeyOutput.newBuilder().setChanged(false));
			}
			else {
				WatchKeyOutput.Builder kb = WatchKeyOutput.newBuilder().setChanged(true);
				if (entry != null) {
					kb.setEntryIfChanged(ReadMapping.toKvEntry(entry));
				}
				b.addKeys(kb);
			}
		}
		return b.build();
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A received request. */
	record Recorded(String route, String path, long nanoTime, Map<String, String> headers, byte[] body) {
	}

	/** What the next request on a route gets instead of the normal answer. */
	sealed interface Fault {

		static Fault status(int code, String body) {
			return new Status(code, body);
		}

		static Fault drop() {
			return new Drop();
		}

		/** Applies a write, then answers with {@code code}: the answer is lost behind a proxy. */
		static Fault appliedThenStatus(int code) {
			return new AppliedThenStatus(code);
		}

		static Fault delay(Duration duration) {
			return new Delay(duration);
		}

		static Fault trickle(Duration duration) {
			return new Trickle(duration);
		}

		static Fault body(String contentType, String body) {
			return new Body(contentType, body);
		}

		static Fault watchEnd(Runnable afterwards) {
			return new WatchEnd(afterwards);
		}

		static Fault watchSilent() {
			return new WatchSilent();
		}

		/** Answers with this status and plain-text body. */
		record Status(int code, String body) implements Fault {
		}

		/** Closes the connection without answering. */
		record Drop() implements Fault {
		}

		/** Applies the write, then answers with this status instead of its result. */
		record AppliedThenStatus(int code) implements Fault {
		}

		/** Waits, then answers normally. */
		record Delay(Duration duration) implements Fault {
		}

		/** Answers a snapshot read normally, but sends its body slowly, spread over this time. */
		record Trickle(Duration duration) implements Fault {
		}

		/** Answers 200 with this body (malformed metadata). */
		record Body(String contentType, String body) implements Fault {
		}

		/** A watch that ends right after its first snapshot, then runs {@code afterwards}. */
		record WatchEnd(Runnable afterwards) implements Fault {
		}

		/** A watch that sends its first snapshot and then nothing at all, not even keep-alives. */
		record WatchSilent() implements Fault {
		}

	}

}
