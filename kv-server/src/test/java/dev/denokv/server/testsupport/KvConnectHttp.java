package dev.denokv.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP/1.1 KV Connect caller for tests: raw requests with any headers and body, so tests can
 * send exactly what a client (or an attacker) would.
 */
public final class KvConnectHttp {

	/** The token the test servers use. */
	public static final String TOKEN = "test-access-token-123";

	public static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	public KvConnectHttp(URI base) {
		this.base = base;
	}

	/** A data-path request with the right headers. */
	public HttpRequest.Builder dataPath(String operation, byte[] body) {
		return post("/v2/" + operation, body).header("Authorization", "Bearer " + TOKEN)
			.header("x-denokv-version", "3")
			.header("x-denokv-database-id", NIL_UUID);
	}

	/** A metadata request with the right headers and {@code {"supportedVersions":[1,2,3]}}. */
	public HttpRequest.Builder metadata() {
		return post("/", "{\"supportedVersions\":[1,2,3]}".getBytes()).header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json");
	}

	public HttpRequest.Builder post(String path, byte[] body) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
	}

	public HttpResponse<byte[]> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpClient client() {
		return this.client;
	}

}
