package dev.denokv.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.denokv.server.testsupport.FuzzBodies;
import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteOptions;
import dev.denokv.sqlite.Synchronous;
import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 fuzzed bodies per data-path endpoint, over real HTTP on loopback, against the SQLite
 * backend: none may produce a 5xx (clients would retry it forever) or break the server. Seeded, so a
 * failure reproduces; bounded in count, with a timeout.
 */
class KvConnectFuzzTest {

	private static final int BODIES_PER_ENDPOINT = 10_000;

	private static final int THREADS = 4;

	private static KvConnectTestServer server;

	private static KvConnectHttp http;

	private static final AtomicInteger lostConnections = new AtomicInteger();

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		// Durability is beside the point here; OFF keeps 10,000 writes quick on a shared machine.
		server = KvConnectTestServer.start(
				SqliteOptions.file(dir.resolve("fuzz.sqlite3")).withSynchronous(Synchronous.OFF),
				(options) -> options.pingInterval(Duration.ofMillis(100)).maxConcurrentWatches(10_000));
		http = server.http();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static List<byte[]> recordedBodies(String suffix) {
		List<byte[]> bodies = new ArrayList<>();
		for (String file : List.of("deno-http.json", "node-http.json")) {
			for (JsonNode request : SharedVectors.json("kvconnect/" + file).get("requests")) {
				if (request.get("path").asString().endsWith(suffix)) {
					bodies.add(HexFormat.of().parseHex(request.get("body").get("hex").asString()));
				}
			}
		}
		return bodies;
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void snapshotReadNeverAnswers5xx() throws Exception {
		fuzz("snapshot_read", (seed) -> FuzzBodies.snapshotRead(seed, recordedBodies("/snapshot_read")));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void atomicWriteNeverAnswers5xx() throws Exception {
		fuzz("atomic_write", (seed) -> FuzzBodies.atomicWrite(seed, recordedBodies("/atomic_write")));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void watchNeverAnswers5xx() throws Exception {
		fuzz("watch", FuzzBodies::watch);
	}

	private static void fuzz(String operation, LongFunction<FuzzBodies> generators) throws Exception {
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				long seed = operation.hashCode() * 31L + t;
				tasks.add(pool.submit(() -> {
					FuzzBodies bodies = generators.apply(seed);
					for (int i = 0; i < BODIES_PER_ENDPOINT / THREADS; i++) {
						byte[] body = bodies.next();
						int status = send(operation, body);
						statuses.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
						if (status >= 500 && failures.size() < 20) {
							failures.add(status + " for seed " + seed + " #" + i + ": " + HexFormat.of().formatHex(body));
						}
					}
					return null;
				}));
			}
			for (Future<?> task : tasks) {
				task.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(failures).as("5xx answers (status distribution %s)", statuses).isEmpty();
		assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(BODIES_PER_ENDPOINT);
		// A lost kept-alive connection is the client pool's race, not an answer; but it must stay rare.
		assertThat(lostConnections.getAndSet(0)).as("requests whose connection died before any answer")
			.isLessThan(BODIES_PER_ENDPOINT / 100);
		assertThat(statuses).as("the fuzzing reached both rejections and real operations").containsKeys(200, 400);
		// The server is still healthy afterwards.
		assertThat(http.send(http.metadata()).statusCode()).isEqualTo(200);
		assertThat(http.send(http.dataPath("snapshot_read", new byte[0])).statusCode()).isEqualTo(200);
	}

	/**
	 * Sends one body; a request that dies before any byte of an answer on a kept-alive connection
	 * (the JDK client's pool closing a connection the server closed or wrote to while it was idle:
	 * "header parser received no bytes") is sent once more on a fresh client and counted in
	 * {@link #lostConnections}. Every other failure fails the test.
	 */
	private static int send(String operation, byte[] body) throws Exception {
		try {
			return sendOnce(http, operation, body);
		}
		catch (IOException | UncheckedIOException ex) {
			if (!diedBeforeAnswer(ex)) {
				throw ex;
			}
			lostConnections.incrementAndGet();
			return sendOnce(new KvConnectHttp(server.server().url()), operation, body);
		}
	}

	private static boolean diedBeforeAnswer(Exception ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t.getMessage() != null && t.getMessage().contains("header parser received no bytes")) {
				return true;
			}
		}
		return false;
	}

	private static int sendOnce(KvConnectHttp client, String operation, byte[] body) throws Exception {
		if (!operation.equals("watch")) {
			HttpResponse<byte[]> response = client.send(client.dataPath(operation, body));
			if (response.statusCode() == 200) {
				return 200;
			}
			assertThat(response.headers().firstValue("content-type")).hasValueSatisfying((ct) -> assertThat(ct).startsWith("text/plain"));
			return response.statusCode();
		}
		HttpResponse<InputStream> response = client.client()
			.send(client.dataPath("watch", body).build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			if (response.statusCode() == 200) {
				// The first frame is the immediate ping; then hang up, as a client that lost interest.
				assertThat(in.readNBytes(4)).containsExactly(0, 0, 0, 0);
			}
		}
		return response.statusCode();
	}

}
