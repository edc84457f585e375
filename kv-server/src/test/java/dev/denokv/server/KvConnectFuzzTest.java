package dev.denokv.server;

import java.io.InputStream;
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
		assertThat(statuses).as("the fuzzing reached both rejections and real operations").containsKeys(200, 400);
		// The server is still healthy afterwards.
		assertThat(http.send(http.metadata()).statusCode()).isEqualTo(200);
		assertThat(http.send(http.dataPath("snapshot_read", new byte[0])).statusCode()).isEqualTo(200);
	}

	private static int send(String operation, byte[] body) throws Exception {
		if (!operation.equals("watch")) {
			HttpResponse<byte[]> response = http.send(http.dataPath(operation, body));
			if (response.statusCode() == 200) {
				return 200;
			}
			assertThat(response.headers().firstValue("content-type")).hasValueSatisfying((ct) -> assertThat(ct).startsWith("text/plain"));
			return response.statusCode();
		}
		HttpResponse<InputStream> response = http.client()
			.send(http.dataPath("watch", body).build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			if (response.statusCode() == 200) {
				// The first frame is the immediate ping; then hang up, as a client that lost interest.
				assertThat(in.readNBytes(4)).containsExactly(0, 0, 0, 0);
			}
		}
		return response.statusCode();
	}

}
