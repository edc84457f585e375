package dev.denokv.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.denokv.sample.SampleApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app exposes its database over KV Connect ({@code deno.kv.server.enabled=true}) inside
 * its own web server: real Deno 2.9.5 opens it with {@code Deno.openKv("http://127.0.0.1:PORT/kv")}
 * (HTTP/2 with prior knowledge), reads what the app wrote through its REST API, and writes a todo and
 * a counter that the app then serves.
 */
class SampleAppKvConnectInteropTest {

	private static final String TOKEN = "sample-app-interop-token";

	private final JsonMapper json = JsonMapper.shared();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void denoReadsWhatTheAppWroteAndTheAppServesWhatDenoWrote(@TempDir Path dir) throws Exception {
		// Command-line arguments, so that they win over the app's application.yml.
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--deno.kv.url=" + dir.resolve("board.sqlite3"),
				"--deno.kv.server.enabled=true", "--deno.kv.server.access-token=" + TOKEN)) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			post(port, "/api/todos", "{\"title\":\"Written by Spring\",\"assignee\":\"java\"}");

			Path script = Deno.script(dir, "board.ts", """
					const kv = await Deno.openKv(Deno.args[0]);
					const todos = [];
					for await (const e of kv.list({ prefix: ["todos"] })) todos.push(e.value);
					const created = (await kv.get(["stats", "created"])).value;
					const id = "9999999999999deno";
					const r = await kv.atomic()
					  .check({ key: ["todos", id], versionstamp: null })
					  .set(["todos", id], { id, title: "Written by Deno", assignee: "deno", done: true, createdAt: Date.now() })
					  .sum(["stats", "created"], 1n)
					  .sum(["stats", "changes"], 1n)
					  .commit();
					console.log(JSON.stringify({ todos, created: String(created), isU64: created instanceof Deno.KvU64, ok: r.ok }));
					kv.close();
					""");
			String out = Deno.run(script, List.of("http://127.0.0.1:" + port + "/kv"),
					Map.of("DENO_KV_ACCESS_TOKEN", TOKEN), 120);
			JsonNode seen = this.json.readTree(out.trim());
			assertThat(seen.get("ok").asBoolean()).isTrue();
			assertThat(seen.get("created").asString()).isEqualTo("1");
			assertThat(seen.get("isU64").asBoolean()).isTrue();
			JsonNode todo = seen.get("todos").get(0);
			assertThat(todo.get("title").asString()).isEqualTo("Written by Spring");
			assertThat(todo.get("assignee").asString()).isEqualTo("java");
			assertThat(todo.get("done").asBoolean()).isFalse();
			assertThat(todo.get("createdAt").isNumber()).isTrue();

			// The app reads Deno's todo into its record, and Deno's sum into its counters.
			JsonNode page = get(port, "/api/todos?limit=10");
			assertThat(page.get("items")).extracting((n) -> n.get("title").asString())
				.containsExactly("Written by Deno", "Written by Spring");
			assertThat(get(port, "/api/stats").get("created").asLong()).isEqualTo(2);
		}
	}

	private JsonNode get(int port, String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private void post(int port, String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

}
