package dev.denokv.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app on a random port with a real SQLite file and drives it over real HTTP:
 * counters, paging with cursors, optimistic updates with 409, the queue jobs, the SSE stream and
 * health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	@TempDir
	static Path dir;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("deno.kv.url", () -> dir.resolve("board.sqlite3").toString());
	}

	@LocalServerPort
	int port;

	private BoardHttp http;

	@BeforeEach
	void http() {
		this.http = new BoardHttp(this.port);
	}

	@Test
	void theBoardWorksOverHttp() throws Exception {
		BoardScenario.run(this.http);
		try (SseEvents events = this.http.events()) {
			// Queue-driven jobs: the digest shows up on the stream, then archiving moves the done todo.
			this.http.send("POST", "/api/jobs/digest", null, 202);
			JsonNode withDigest = events.awaitEvent((e) -> !e.get("digest").isNull(), BoardScenario.WAIT);
			assertThat(withDigest.at("/digest/open").asLong()).isEqualTo(1);
			assertThat(withDigest.at("/digest/done").asLong()).isEqualTo(1);
			assertThat(withDigest.at("/digest/oldestOpen").asString()).isEqualTo("Fix bug");
			// The same JSON as GET /api/digest: whole numbers, not the watch's natural 1.0.
			assertThat(withDigest.at("/digest/open").isIntegralNumber()).isTrue();
			this.http.send("POST", "/api/jobs/archive", null, 202);
			events.awaitEvent((e) -> e.at("/stats/archived").asLong() == 1, BoardScenario.WAIT);
			assertThat(this.http.send("GET", "/api/todos?limit=10", null, 200).get("items")).hasSize(1);
		}
	}

	@Test
	void aBatchOfTodosIsCreatedWithOneRequest() throws Exception {
		long createdBefore = this.http.send("GET", "/api/stats", null, 200).get("created").asLong();
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < 50; i++) {
			body.append((i > 0) ? "," : "").append("{\"title\":\"Batch item ").append(i).append("\"}");
		}
		JsonNode created = this.http.send("POST", "/api/todos/batch", body.append("]").toString(), 201);
		assertThat(created).hasSize(50);
		assertThat(created.get(0).at("/title").asString()).isEqualTo("Batch item 0");
		java.util.Set<String> versions = new java.util.HashSet<>();
		created.forEach((todo) -> versions.add(todo.get("version").asString()));
		assertThat(versions).hasSize(50);
		String firstId = created.get(0).at("/id").asString();
		assertThat(this.http.send("GET", "/api/todos/" + firstId, null, 200).at("/title").asString())
			.isEqualTo("Batch item 0");
		assertThat(this.http.send("GET", "/api/stats", null, 200).get("created").asLong()).isEqualTo(createdBefore + 50);
		this.http.send("POST", "/api/todos/batch", "[{\"title\":\" \"}]", 400);
		this.http.send("POST", "/api/todos/batch", "[]", 400);
	}

	@Test
	void healthShowsTheDatabase() throws Exception {
		JsonNode health = this.http.send("GET", "/actuator/health", null, 200);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode denokv = health.at("/components/denokv");
		assertThat(denokv.get("status").asString()).isEqualTo("UP");
		assertThat(denokv.at("/details/backend").asString()).isEqualTo("sqlite");
		assertThat(denokv.at("/details/path").asString()).endsWith("board.sqlite3");
	}

	@Test
	void thePageIsServed() throws Exception {
		HttpResponse<String> page = this.http.getText("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Team board").contains("board.js");
		HttpResponse<String> script = this.http.getText("/board.js");
		assertThat(script.body()).contains("new EventSource('api/events')");
	}

}
