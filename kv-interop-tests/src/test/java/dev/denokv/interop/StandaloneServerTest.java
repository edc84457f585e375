package dev.denokv.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.Consistency;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone server as a user runs it: its own process, denokv's command line, the
 * {@code Listening on} line, real Deno over h2c and h2 (TLS), real {@code @deno/kv} over HTTP/1.1 and
 * HTTPS, and a clean stop on SIGTERM that leaves the data in the SQLite file.
 */
class StandaloneServerTest {

	private static final String TOKEN = "standalone-token-123";

	private static final String DENO_SCRIPT = """
			const kv = await Deno.openKv(Deno.args[0]);
			const key = ["standalone", Deno.args[1]];
			const set = await kv.set(key, "ok");
			const got = await kv.get(key);
			const reader = kv.watch([key]).getReader();
			const first = await reader.read();
			await reader.cancel();
			console.log(JSON.stringify({ ok: set.ok, value: got.value, watched: first.value[0].value }));
			kv.close();
			Deno.exit(0);
			""";

	private static final String NODE_SCRIPT = """
			const { openKv } = require("@deno/kv");
			(async () => {
			  const kv = await openKv(process.argv[2], { accessToken: process.env.DENO_KV_ACCESS_TOKEN });
			  const key = ["standalone", process.argv[3]];
			  const set = await kv.set(key, "ok");
			  const got = await kv.get(key);
			  console.log(JSON.stringify({ ok: set.ok, value: got.value }));
			  kv.close();
			  process.exit(0);
			})();
			""";

	@Test
	void servesDenoOverH2cAndNodeOverHttp1(@TempDir Path dir) throws Exception {
		Path db = dir.resolve("standalone.sqlite3");
		try (StandaloneServerProcess server = StandaloneServerProcess.start(dir,
				List.of("--sqlite-path", db.toString(), "serve", "--access-token", TOKEN, "--addr", "127.0.0.1:0"))) {
			assertThat(server.url()).matches("http://127\\.0\\.0\\.1:\\d+");
			assertClientsWork(dir, server.url(), Map.of());
			assertThat(server.stop()).as("exit after SIGTERM").isIn(0, 143);
			assertThat(server.stderr()).doesNotContain(TOKEN);
		}
		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(db)) {
			byte[] key = KvKey.of("standalone", "deno").encode();
			assertThat(handler.snapshotRead(List.of(ReadRange.single(key)), Consistency.STRONG).get(0).entries()).hasSize(1);
		}
	}

	@Test
	void servesDenoOverH2AndNodeOverHttpsWithAKeystore(@TempDir Path dir) throws Exception {
		TestCertificates certs = TestCertificates.create(dir);
		try (StandaloneServerProcess server = StandaloneServerProcess.start(dir,
				List.of("--sqlite-path", dir.resolve("tls.sqlite3").toString(), "serve", "--access-token", TOKEN, "--addr",
						"127.0.0.1:0", "--tls-keystore", certs.keystore().toString(), "--tls-keystore-password",
						TestCertificates.PASSWORD))) {
			assertThat(server.url()).startsWith("https://127.0.0.1:");
			assertClientsWork(dir, server.url(),
					Map.of("DENO_CERT", certs.caPem().toString(), "NODE_EXTRA_CA_CERTS", certs.caPem().toString()));
		}
	}

	@Test
	void rejectsShortTokensLikeDenoKv(@TempDir Path dir) throws Exception {
		int exit = StandaloneServerProcess.runToExit(dir,
				List.of("--sqlite-path", dir.resolve("x.sqlite3").toString(), "serve", "--access-token", "too-short"));
		assertThat(exit).isEqualTo(2);
		assertThat(Files.readString(dir.resolve("server-err.txt")))
			.contains("Access token must be at minimum 12 chars long.");
	}

	private static void assertClientsWork(Path dir, String url, Map<String, String> extraEnv) {
		Map<String, String> env = new java.util.HashMap<>(extraEnv);
		env.put("DENO_KV_ACCESS_TOKEN", TOKEN);
		String deno = Deno.run(Deno.script(dir, "standalone.ts", DENO_SCRIPT), List.of(url, "deno"), env, 120);
		assertThat(deno.strip()).isEqualTo("{\"ok\":true,\"value\":\"ok\",\"watched\":\"ok\"}");
		String node = Deno.runNode(Deno.script(dir, "standalone.cjs", NODE_SCRIPT), List.of(url, "node"), env, 120);
		assertThat(node.strip()).isEqualTo("{\"ok\":true,\"value\":\"ok\"}");
	}

}
