package dev.denokv.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the running sample app over real HTTP on 127.0.0.1. */
final class BoardHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.shared();

	private final int port;

	BoardHttp(int port) {
		this.port = port;
	}

	/** Sends a request, asserts the status and returns the JSON body ({@code null} node when empty). */
	JsonNode send(String method, String path, String body, int expectedStatus) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expectedStatus);
		return response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
	}

	/** The raw text of a GET. */
	HttpResponse<String> getText(String path) throws Exception {
		return CLIENT.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Opens the board's server-sent event stream. */
	SseEvents events() {
		return new SseEvents(CLIENT, uri("/api/events"), "board");
	}

	static String edit(String title, boolean done, String version) {
		return "{\"title\":\"" + title + "\",\"done\":" + done + ",\"version\":\"" + version + "\"}";
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
