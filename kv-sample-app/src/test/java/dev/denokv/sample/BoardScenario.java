package dev.denokv.sample;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board's HTTP behaviour that does not depend on the backend: atomic counters seen live on the
 * SSE stream, paging with cursors, optimistic updates (409 on a stale version), checked deletes.
 */
final class BoardScenario {

	static final Duration WAIT = Duration.ofSeconds(15);

	private BoardScenario() {
	}

	/**
	 * Runs the scenario on an empty board and leaves it with "Write docs" (done) and "Fix bug" (open).
	 */
	static void run(BoardHttp http) throws Exception {
		try (SseEvents events = http.events()) {
			assertThat(events.status()).isEqualTo(200);
			// The first event is the current state.
			events.awaitEvent((e) -> e.at("/stats/changes").asLong() == 0, WAIT);

			JsonNode first = http.send("POST", "/api/todos", "{\"title\":\"Write docs\",\"assignee\":\"ana\"}", 201);
			http.send("POST", "/api/todos", "{\"title\":\"Fix bug\"}", 201);
			JsonNode third = http.send("POST", "/api/todos", "{\"title\":\"Ship it\"}", 201);
			http.send("POST", "/api/todos", "{\"title\":\"  \"}", 400);

			// The watch saw the atomic sums.
			JsonNode afterCreates = events.awaitEvent((e) -> e.at("/stats/created").asLong() == 3, WAIT);
			assertThat(afterCreates.at("/stats/changes").asLong()).isEqualTo(3);
			assertThat(http.send("GET", "/api/stats", null, 200).get("created").asLong()).isEqualTo(3);

			// Paging with cursors, newest first.
			JsonNode page1 = http.send("GET", "/api/todos?limit=2", null, 200);
			assertThat(page1.get("items")).extracting((n) -> n.get("title").asString()).containsExactly("Ship it", "Fix bug");
			String cursor = page1.get("cursor").asString();
			assertThat(cursor).isNotEmpty();
			JsonNode page2 = http.send("GET", "/api/todos?limit=2&cursor=" + cursor, null, 200);
			assertThat(page2.get("items")).extracting((n) -> n.get("title").asString()).containsExactly("Write docs");
			assertThat(page2.get("cursor").isNull()).isTrue();
			http.send("GET", "/api/todos?limit=2&cursor=%21%21", null, 400);

			// Optimistic update: the first writer wins, the stale one gets 409.
			String id = first.get("id").asString();
			String staleVersion = first.get("version").asString();
			JsonNode done = http.send("PUT", "/api/todos/" + id, BoardHttp.edit("Write docs", true, staleVersion), 200);
			assertThat(done.get("done").asBoolean()).isTrue();
			assertThat(done.get("version").asString()).isNotEqualTo(staleVersion);
			JsonNode conflict = http.send("PUT", "/api/todos/" + id, BoardHttp.edit("Write better docs", false, staleVersion),
					409);
			assertThat(conflict.get("detail").asString()).contains("changed by someone else");
			assertThat(http.send("GET", "/api/todos/" + id, null, 200).get("title").asString()).isEqualTo("Write docs");
			events.awaitEvent((e) -> e.at("/stats/completed").asLong() == 1, WAIT);

			// Checked delete.
			String thirdId = third.get("id").asString();
			http.send("DELETE", "/api/todos/" + thirdId + "?version=" + staleVersion, null, 409);
			http.send("DELETE", "/api/todos/" + thirdId + "?version=" + third.get("version").asString(), null, 204);
			http.send("GET", "/api/todos/" + thirdId, null, 404);
		}
	}

}
