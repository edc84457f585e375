package dev.denokv.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app on a random port with a real SQLite file and drives it over real HTTP:
 * counters, paging with cursors, optimistic updates with 409, the queue jobs, the SSE stream and
 * health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("deno.kv.url", () -> dir.resolve("board.sqlite3").toString());
	}

	private static HttpClient client;

	private final JsonMapper json = JsonMapper.shared();

	@LocalServerPort
	int port;

	@BeforeAll
	static void client() {
		client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	}

	@Test
	void theBoardWorksOverHttp() throws Exception {
		try (SseEvents events = new SseEvents(client, uri("/api/events"), "board")) {
			assertThat(events.status()).isEqualTo(200);
			// The first event is the current state.
			events.awaitEvent((e) -> e.at("/stats/changes").asLong() == 0, WAIT);

			JsonNode first = send("POST", "/api/todos", "{\"title\":\"Write docs\",\"assignee\":\"ana\"}", 201);
			send("POST", "/api/todos", "{\"title\":\"Fix bug\"}", 201);
			JsonNode third = send("POST", "/api/todos", "{\"title\":\"Ship it\"}", 201);
			send("POST", "/api/todos", "{\"title\":\"  \"}", 400);

			// The watch saw the atomic sums.
			JsonNode afterCreates = events.awaitEvent((e) -> e.at("/stats/created").asLong() == 3, WAIT);
			assertThat(afterCreates.at("/stats/changes").asLong()).isEqualTo(3);
			assertThat(send("GET", "/api/stats", null, 200).get("created").asLong()).isEqualTo(3);

			// Paging with cursors, newest first.
			JsonNode page1 = send("GET", "/api/todos?limit=2", null, 200);
			assertThat(page1.get("items")).extracting((n) -> n.get("title").asString()).containsExactly("Ship it", "Fix bug");
			String cursor = page1.get("cursor").asString();
			assertThat(cursor).isNotEmpty();
			JsonNode page2 = send("GET", "/api/todos?limit=2&cursor=" + cursor, null, 200);
			assertThat(page2.get("items")).extracting((n) -> n.get("title").asString()).containsExactly("Write docs");
			assertThat(page2.get("cursor").isNull()).isTrue();

			// Optimistic update: the first writer wins, the stale one gets 409.
			String id = first.get("id").asString();
			String staleVersion = first.get("version").asString();
			JsonNode done = send("PUT", "/api/todos/" + id, edit("Write docs", true, staleVersion), 200);
			assertThat(done.get("done").asBoolean()).isTrue();
			assertThat(done.get("version").asString()).isNotEqualTo(staleVersion);
			JsonNode conflict = send("PUT", "/api/todos/" + id, edit("Write better docs", false, staleVersion), 409);
			assertThat(conflict.get("detail").asString()).contains("changed by someone else");
			assertThat(send("GET", "/api/todos/" + id, null, 200).get("title").asString()).isEqualTo("Write docs");
			events.awaitEvent((e) -> e.at("/stats/completed").asLong() == 1, WAIT);

			// Checked delete.
			String thirdId = third.get("id").asString();
			send("DELETE", "/api/todos/" + thirdId + "?version=" + staleVersion, null, 409);
			send("DELETE", "/api/todos/" + thirdId + "?version=" + third.get("version").asString(), null, 204);
			send("GET", "/api/todos/" + thirdId, null, 404);

			// Queue-driven jobs: the digest shows up on the stream, then archiving moves the done todo.
			send("POST", "/api/jobs/digest", null, 202);
			JsonNode withDigest = events.awaitEvent((e) -> !e.get("digest").isNull(), WAIT);
			assertThat(withDigest.at("/digest/open").asLong()).isEqualTo(1);
			assertThat(withDigest.at("/digest/done").asLong()).isEqualTo(1);
			assertThat(withDigest.at("/digest/oldestOpen").asString()).isEqualTo("Fix bug");
			send("POST", "/api/jobs/archive", null, 202);
			events.awaitEvent((e) -> e.at("/stats/archived").asLong() == 1, WAIT);
			assertThat(send("GET", "/api/todos?limit=10", null, 200).get("items")).hasSize(1);
		}
	}

	@Test
	void healthShowsTheDatabase() throws Exception {
		JsonNode health = send("GET", "/actuator/health", null, 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode denokv = health.at("/components/denokv");
		assertThat(denokv.get("status").asString()).isEqualTo("UP");
		assertThat(denokv.at("/details/backend").asString()).isEqualTo("sqlite");
		assertThat(denokv.at("/details/path").asString()).endsWith("board.sqlite3");
	}

	@Test
	void thePageIsServed() throws Exception {
		HttpResponse<String> page = client.send(HttpRequest.newBuilder(uri("/")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Team board").contains("board.js");
		HttpResponse<String> script = client.send(HttpRequest.newBuilder(uri("/board.js")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(script.body()).contains("new EventSource('api/events')");
	}

	private String edit(String title, boolean done, String version) {
		return "{\"title\":\"" + title + "\",\"done\":" + done + ",\"version\":\"" + version + "\"}";
	}

	private JsonNode send(String method, String path, String body, int expectedStatus) throws Exception {
		Supplier<HttpRequest.BodyPublisher> publisher = () -> (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.method(method, publisher.get())
			.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
