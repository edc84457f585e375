package dev.denokv.remote;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.denokv.error.KvBackendException;
import dev.denokv.protocol.MetadataExchangeRequest;
import dev.denokv.protocol.MetadataJson;

/**
 * Holds the current metadata and performs the exchange: {@code POST <url>} with
 * {@code Authorization: Bearer <access token>}, {@code Content-Type: application/json} and
 * {@code {"supportedVersions":[1,2,3]}}. Fetches are single-flight: threads that need fresh
 * metadata at the same time share one exchange. Thread-safe.
 */
final class MetadataExchange {

	private static final byte[] REQUEST_BODY = MetadataJson.writeRequest(MetadataExchangeRequest.DENO_DEFAULT)
		.getBytes(StandardCharsets.UTF_8);

	/** Never refresh sooner than this after a successful exchange, whatever the token's lifetime. */
	private static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);

	private final URI url;

	private final Map<String, String> headers;

	private final HttpTransport transport;

	private final RemoteOptions options;

	private final ReentrantLock fetchLock = new ReentrantLock();

	private volatile ResolvedMetadata current;

	private volatile Instant nextRefreshAt;

	private volatile String lastError;

	private volatile Runnable onRefreshed = () -> {
	};

	MetadataExchange(URI url, String accessToken, HttpTransport transport, RemoteOptions options) {
		this.url = MetadataValidator.normalize(url);
		this.headers = Map.of("Authorization", "Bearer " + accessToken, "Content-Type", MetadataJson.CONTENT_TYPE,
				"Accept", "application/json");
		this.transport = transport;
		this.options = options;
	}

	/** Called after each successful exchange (the background refresher reschedules itself). */
	void onRefreshed(Runnable callback) {
		this.onRefreshed = callback;
	}

	URI url() {
		return this.url;
	}

	/**
	 * Unexpired metadata: the held one, or a freshly exchanged one when there is none or it has
	 * expired. One exchange attempt at most; the caller's retry covers transient failures.
	 */
	ResolvedMetadata current(RemoteRetry.Deadline deadline) {
		ResolvedMetadata held = this.current;
		if (held != null && !held.isExpired(Instant.now())) {
			return held;
		}
		return refresh(held, deadline);
	}

	/**
	 * Exchanges the metadata again because {@code stale} was rejected (an auth failure, or reads or
	 * writes reported disabled), unless another thread already replaced it meanwhile.
	 */
	ResolvedMetadata refresh(ResolvedMetadata stale, RemoteRetry.Deadline deadline) {
		try {
			if (!this.fetchLock.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
				throw new KvRemoteException("Timed out waiting for the metadata exchange with '"
						+ HttpTransport.redact(this.url) + "'", KvRemoteException.NO_STATUS, true);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KvBackendException("Interrupted while waiting for the metadata exchange", ex);
		}
		try {
			ResolvedMetadata held = this.current;
			if (held != null && held != stale && !held.isExpired(Instant.now())) {
				return held;
			}
			return exchange(deadline);
		}
		finally {
			this.fetchLock.unlock();
		}
	}

	/** Whether the held metadata is missing, expired, or due for its periodic refresh. */
	boolean isRefreshDue() {
		ResolvedMetadata held = this.current;
		Instant next = this.nextRefreshAt;
		Instant now = Instant.now();
		return held == null || held.isExpired(now) || next == null || !now.isBefore(next);
	}

	/** The held metadata, expired or not, or {@code null}. */
	ResolvedMetadata held() {
		return this.current;
	}

	Instant nextRefreshAt() {
		return this.nextRefreshAt;
	}

	private ResolvedMetadata exchange(RemoteRetry.Deadline deadline) {
		try {
			HttpTransport.Response response = this.transport.post(this.url, this.headers, REQUEST_BODY,
					deadline.cap(this.options.requestTimeout()));
			ResolvedMetadata metadata = accept(response);
			this.current = metadata;
			this.lastError = null;
			this.nextRefreshAt = plannedRefresh(metadata);
			this.onRefreshed.run();
			return metadata;
		}
		catch (RuntimeException ex) {
			this.lastError = ex.getMessage();
			throw ex;
		}
	}

	private ResolvedMetadata accept(HttpTransport.Response response) {
		int status = response.status();
		if (status == 200) {
			if (!response.isJson()) {
				throw new KvRemoteException("Failed to parse metadata: expected content-type application/json, got '"
						+ response.contentType() + "'", status, false);
			}
			return MetadataValidator.validate(this.url, new String(response.body(), StandardCharsets.UTF_8),
					Instant.now());
		}
		String message = "the metadata endpoint at '" + HttpTransport.redact(this.url) + "' responded with status "
				+ status + ": " + response.bodyText();
		if (status >= 500) {
			throw new KvRemoteException(message, status, true);
		}
		if (status >= 400) {
			throw new KvRemoteException(message, status, false);
		}
		// 1xx, 3xx (KV Connect clients do not follow redirects) and other 2xx.
		throw new KvRemoteException("Failed to fetch metadata (status=" + status + "): " + response.bodyText(), status,
				false);
	}

	/**
	 * When to exchange again: after {@code metadataRefreshInterval}, or {@code metadataRefreshMargin}
	 * before the token expires if that is sooner, but not before half the token's lifetime has
	 * passed (so a token shorter-lived than the margin is not refreshed in a loop).
	 */
	private Instant plannedRefresh(ResolvedMetadata metadata) {
		Instant fetched = metadata.fetchedAt();
		Instant byInterval = fetched.plus(this.options.metadataRefreshInterval());
		Instant byMargin = metadata.expiresAt().minus(this.options.metadataRefreshMargin());
		Instant halfLife = fetched.plus(Duration.between(fetched, metadata.expiresAt()).dividedBy(2));
		Instant planned = min(byInterval, max(byMargin, halfLife));
		return max(planned, fetched.plus(MIN_REFRESH_DELAY));
	}

	/** The token-free view of the current state. */
	RemoteMetadataState state() {
		ResolvedMetadata held = this.current;
		String error = this.lastError;
		Instant now = Instant.now();
		if (held == null) {
			return new RemoteMetadataState(publicUrl(), (error != null) ? RemoteMetadataState.Status.FAILED
					: RemoteMetadataState.Status.NOT_CONNECTED, null, null, List.of(), null, null, this.nextRefreshAt, error);
		}
		RemoteMetadataState.Status status = !held.isExpired(now) ? RemoteMetadataState.Status.CONNECTED
				: (error != null) ? RemoteMetadataState.Status.FAILED : RemoteMetadataState.Status.EXPIRED;
		return new RemoteMetadataState(publicUrl(), status, held.version(), held.metadata().databaseId(),
				held.endpoints(), held.expiresAt(), held.fetchedAt(), this.nextRefreshAt, error);
	}

	private URI publicUrl() {
		return URI.create(HttpTransport.redact(this.url));
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
