package dev.denokv.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.denokv.error.KvBackendException;

/**
 * One HTTP POST at a time on the JDK {@link HttpClient}, with a hard deadline that covers the
 * whole response body (the JDK's own request timeout stops at the response headers, so the body
 * is awaited by {@link DeadlineBody}). The request is sent with the blocking {@code send} on the
 * calling thread: {@code sendAsync} would add a hop through the common pool to every call. Network
 * failures become transient {@link KvRemoteException}s; HTTP statuses are returned as they are,
 * for the caller to judge.
 * <p>
 * HTTP/2 is negotiated over TLS (ALPN {@code h2}, as Deno Deploy offers); plain {@code http://}
 * URLs use HTTP/1.1, because the JDK would otherwise send {@code Upgrade: h2c} on every request.
 */
final class HttpTransport {

	/** How much of an error body goes into an exception message. */
	private static final int MAX_ERROR_BODY_CHARS = 1000;

	private final HttpClient client;

	private final String userAgent;

	HttpTransport(HttpClient client, String userAgent) {
		this.client = client;
		this.userAgent = userAgent;
	}

	/** A client with the options' connect timeout that never follows redirects (as Deno). */
	static HttpClient defaultClient(RemoteOptions options) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.connectTimeout(options.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpClient client() {
		return this.client;
	}

	/**
	 * Releases a client this handler created. From Java 21 an {@link HttpClient} has
	 * {@code shutdownNow()}, which stops its selector thread at once; on Java 17 the thread ends
	 * when the client is garbage collected. Looked up reflectively because the baseline is Java 17.
	 */
	static void shutdown(HttpClient client) {
		try {
			HttpClient.class.getMethod("shutdownNow").invoke(client);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Java 17, or already stopped: nothing to release eagerly.
		}
	}

	/** A POST request builder with the protocol version suited to the URL and the common headers. */
	HttpRequest.Builder newPost(URI url, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(url)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.header("User-Agent", this.userAgent);
		if ("http".equalsIgnoreCase(url.getScheme())) {
			builder.version(HttpClient.Version.HTTP_1_1);
		}
		headers.forEach(builder::header);
		return builder;
	}

	/**
	 * Sends one POST and reads the whole response within {@code timeout}.
	 * @throws KvRemoteException (transient) when the server cannot be reached or does not answer in time
	 */
	Response post(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new KvRemoteException("KV Connect request to '" + redact(url) + "' not sent: no time left before the deadline",
					KvRemoteException.NO_STATUS, true, new HttpTimeoutException("deadline reached"));
		}
		// The JDK's request timeout covers the exchange up to the response headers (and cancels it
		// when they are late); the body then has what is left of the same deadline.
		long deadlineNanos = System.nanoTime() + timeout.toNanos();
		HttpRequest request = newPost(url, headers, body).timeout(timeout).build();
		try {
			HttpResponse<DeadlineBody> response = this.client.send(request, DeadlineBody.HANDLER);
			byte[] content = response.body().await(deadlineNanos);
			return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
					content);
		}
		catch (TimeoutException ex) {
			throw new KvRemoteException("KV Connect request to '" + redact(url) + "' timed out after " + timeout,
					KvRemoteException.NO_STATUS, true, new HttpTimeoutException("request timed out after " + timeout));
		}
		catch (InterruptedException ex) {
			// send() cancels the exchange when interrupted; DeadlineBody.await cancels the body.
			Thread.currentThread().interrupt();
			throw new KvBackendException("Interrupted while waiting for KV Connect request to '" + redact(url) + "'", ex);
		}
		catch (IOException | IllegalArgumentException | SecurityException ex) {
			// send() rethrows the exchange's failure with the same type and message.
			throw networkFailure(url, ex);
		}
	}

	/** A transient failure for an exception raised while sending or receiving. */
	static KvRemoteException networkFailure(URI url, Throwable cause) {
		String what = (cause instanceof HttpConnectTimeoutException) ? "could not connect in time"
				: (cause instanceof HttpTimeoutException) ? "timed out"
				: (cause instanceof ConnectException) ? "could not connect"
				: "failed";
		String detail = (cause != null && cause.getMessage() != null) ? ": " + cause.getMessage()
				: (cause != null) ? ": " + cause.getClass().getSimpleName() : "";
		return new KvRemoteException("KV Connect request to '" + redact(url) + "' " + what + detail,
				KvRemoteException.NO_STATUS, cause instanceof IOException || cause == null, cause);
	}

	/**
	 * Whether a failure certainly happened before the request reached the server (the connection
	 * could not be opened, or the metadata exchange it needed first failed), so that even a
	 * non-idempotent request may be sent again.
	 */
	static boolean failedBeforeSending(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
					|| t instanceof UnsentRequestException) {
				return true;
			}
		}
		return false;
	}

	/** The URL without user info, query or fragment, for messages. */
	static String redact(URI url) {
		String port = (url.getPort() != -1) ? ":" + url.getPort() : "";
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		return url.getScheme() + "://" + url.getHost() + port + path;
	}

	/** A received response; the body is complete. */
	record Response(int status, String contentType, byte[] body) {

		/** The body as text, shortened for an exception message. */
		String bodyText() {
			String text = new String(this.body, StandardCharsets.UTF_8).strip();
			return (text.length() > MAX_ERROR_BODY_CHARS) ? text.substring(0, MAX_ERROR_BODY_CHARS) + "..." : text;
		}

		boolean isJson() {
			return this.contentType.isEmpty() || this.contentType.toLowerCase(Locale.ROOT).contains("json");
		}

	}

}
