package dev.denokv.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a server-sent event stream over real HTTP and hands out the JSON data of its events. */
final class SseEvents implements AutoCloseable {

	private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<Stream<String>>> response;

	private final JsonMapper json = JsonMapper.shared();

	SseEvents(HttpClient client, URI uri, String eventName) {
		HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
		this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
		this.response.thenAcceptAsync((res) -> {
			String[] name = { null };
			res.body().forEach((line) -> {
				if (line.startsWith("event:")) {
					name[0] = line.substring(6).strip();
				}
				else if (line.startsWith("data:") && eventName.equals(name[0])) {
					this.events.add(this.json.readTree(line.substring(5).strip()));
				}
				else if (line.isEmpty()) {
					name[0] = null;
				}
			});
		});
	}

	/** The response's status code, once headers arrived. */
	int status() throws Exception {
		return this.response.get(10, TimeUnit.SECONDS).statusCode();
	}

	/** Waits (bounded) for an event whose data matches; earlier events are skipped. */
	JsonNode awaitEvent(Predicate<JsonNode> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event != null && condition.test(event)) {
				return event;
			}
		}
		throw new AssertionError("No matching server-sent event within " + timeout);
	}

	@Override
	public void close() {
		this.response.thenAccept((res) -> res.body().close());
		this.response.cancel(true);
	}

}
