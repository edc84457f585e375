package dev.denokv.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.denokv.core.KvSubscription;
import dev.denokv.core.KvTemplate;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KvKey;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Conformance of the KV Connect server with real clients: real Deno 2.9.5 (HTTP/2 with prior
 * knowledge) and real {@code @deno/kv} 0.14 on Node (HTTP/1.1) run the same workload twice, once
 * against our server on loopback and once against Deno's own local SQLite backend, and every result
 * must be equal (versionstamps compared by shape and order). The server serves the SQLite backend.
 */
class KvConnectConformanceTest {

	private static KvConnectTestServer testServer;

	private static DatabaseHandler handler;

	private static KvConnectServer server;

	@TempDir
	static Path dir;

	@BeforeAll
	static void start() {
		testServer = KvConnectTestServer.start(SqliteOptions.file(dir.resolve("server.sqlite3")), (options) -> options);
		handler = testServer.handler();
		server = testServer.server();
	}

	@AfterAll
	static void stop() {
		testServer.close();
	}

	private static Path scripts() {
		for (String name : List.of("steps.mjs", "deno-client.ts", "node-client.mjs")) {
			try (InputStream in = KvConnectConformanceTest.class.getResourceAsStream("/kvconnect/" + name)) {
				Files.write(dir.resolve(name), in.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return dir;
	}

	private static Map<String, String> token(String token) {
		return Map.of("DENO_KV_ACCESS_TOKEN", token);
	}

	@Test
	void denoAgainstTheServerMatchesDenoLocal() throws Exception {
		Path scripts = scripts();
		String remote = Deno.run(scripts.resolve("deno-client.ts"), List.of(server.url().toString(), "deno", "watch"),
				token(KvConnectHttp.TOKEN), 180);
		String local = Deno.run(scripts.resolve("deno-client.ts"),
				List.of(dir.resolve("deno-local.sqlite3").toString(), "deno", "watch"), Map.of(), 180);
		assertSameResults(remote, local);
		assertThat(remote).contains("[\"watch\",[[{").contains("\"sum wraps\"");
		assertShortExpiryIsHidden("deno");
	}

	@Test
	void nodeAgainstTheServerMatchesNodeLocal() throws Exception {
		Path scripts = scripts();
		String remote = Deno.runNode(scripts.resolve("node-client.mjs"), List.of(server.url().toString(), "node"),
				token(KvConnectHttp.TOKEN), 180);
		String local = Deno.runNode(scripts.resolve("node-client.mjs"),
				List.of(dir.resolve("node-local.sqlite3").toString(), "node"), Map.of(), 180);
		assertSameResults(remote, local);
		assertThat(remote).contains("[\"enqueue\",{\"ok\":true");
		assertShortExpiryIsHidden("node");
		// The enqueue travelled over KV Connect, was stored, and reaches the application's queue listener.
		BlockingQueue<Object> received = new LinkedBlockingQueue<>();
		try (KvTemplate template = KvTemplate.builder(handler).closeHandlerOnClose(false).build();
				KvSubscription listener = template.listenQueue(Object.class, received::add)) {
			assertThat(received.poll(30, TimeUnit.SECONDS)).as("the @deno/kv enqueue, delivered")
				.isEqualTo(Map.of("hello", "queue"));
		}
	}

	@Test
	void wrongOrMissingTokenFailsForBothClients() throws Exception {
		Path scripts = scripts();
		for (String token : List.of("wrong-token-but-long", "x")) {
			assertThatThrownBy(() -> Deno.run(scripts.resolve("deno-client.ts"),
					List.of(server.url().toString(), "denybad", "nowatch"), token(token), 60))
				.hasMessageContaining("401").hasMessageContaining("Invalid access token.");
			assertThatThrownBy(() -> Deno.runNode(scripts.resolve("node-client.mjs"),
					List.of(server.url().toString(), "nodebad"), token(token), 60))
				.hasMessageContaining("401");
		}
		assertThat(handler.snapshotRead(List.of(prefixRange("denybad"), prefixRange("nodebad")), Consistency.STRONG))
			.allSatisfy((range) -> assertThat(range.entries()).isEmpty());
	}

	private static void assertSameResults(String remote, String local) {
		JsonNode r = ConformanceOutput.normalized(remote);
		JsonNode l = ConformanceOutput.normalized(local);
		assertThat(r.size()).as("steps run").isEqualTo(l.size()).isGreaterThan(60);
		List<String> differences = new ArrayList<>();
		for (int i = 0; i < l.size(); i++) {
			if (!r.get(i).equals(l.get(i))) {
				differences.add("step " + l.get(i).get(0) + "\n  server: " + abbreviate(r.get(i).get(1))
						+ "\n  local:  " + abbreviate(l.get(i).get(1)));
			}
		}
		assertThat(differences).as("steps that differ between our server and Deno's local backend").isEmpty();
	}

	/**
	 * Deno multiplexes every KV call on one HTTP/2 connection. Watches cancelled while sums commit
	 * must not reset that connection: Deno retries the writes it lost, and a retried sum can apply
	 * twice. 300 sums from 4 loops while a fifth loop opens and cancels watches; bounded by the
	 * count and the process timeout.
	 */
	@Test
	void cancellingWatchesNeverCostsTheWritesOnTheSameConnection() {
		String script = """
				const kv = await Deno.openKv(Deno.args[0]);
				const key = ["cancelled-watches", crypto.randomUUID()];
				let stop = false, watches = 0;
				const watcher = (async () => {
				  while (!stop && watches < 2000) {
				    const reader = kv.watch([["cancelled-watches", "w"]]).getReader();
				    await reader.read();
				    await reader.cancel();
				    watches++;
				  }
				})();
				const loops = [];
				for (let w = 0; w < 4; w++) {
				  loops.push((async () => { for (let i = 0; i < 75; i++) await kv.atomic().sum(key, 1n).commit(); })());
				}
				await Promise.all(loops);
				stop = true;
				await watcher;
				console.log(JSON.stringify({ counter: String((await kv.get(key)).value.value), watches }));
				kv.close();
				""";
		String out = Deno.run(Deno.script(dir, "cancelled-watches.ts", script), List.of(server.url().toString()),
				token(KvConnectHttp.TOKEN), 120);
		JsonNode result = tools.jackson.databind.json.JsonMapper.shared().readTree(out.lines()
			.filter((l) -> l.startsWith("{"))
			.reduce((a, b) -> b)
			.orElseThrow());
		assertThat(result.get("counter").asString()).as("every sum applied exactly once").isEqualTo("300");
		assertThat(result.get("watches").asInt()).as("watches opened and cancelled meanwhile").isPositive();
	}

	private static String abbreviate(JsonNode node) {
		String s = String.valueOf(node);
		return (s.length() <= 600) ? s : s.substring(0, 600) + "...";
	}

	private static void assertShortExpiryIsHidden(String root) throws InterruptedException {
		byte[] key = KvKey.of(root, "exp", "short").encode();
		Thread.sleep(50);
		assertThat(handler.snapshotRead(List.of(ReadRange.single(key)), Consistency.STRONG).get(0).entries())
			.as("an expired key is never returned").isEmpty();
		byte[] kept = KvKey.of(root, "exp", "long").encode();
		assertThat(handler.snapshotRead(List.of(ReadRange.single(kept)), Consistency.STRONG).get(0).entries()).hasSize(1);
	}

	private static ReadRange prefixRange(String root) {
		byte[] prefix = KvKey.of(root).encode();
		byte[] end = java.util.Arrays.copyOf(prefix, prefix.length);
		end[end.length - 1] = (byte) 0xff;
		return new ReadRange(prefix, end, 10, false);
	}

}
