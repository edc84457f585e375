package dev.denokv.server;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of a {@link KvConnectServlet}. Immutable; build with {@link #builder(String)}.
 *
 * @param accessToken the shared secret clients send as {@code Authorization: Bearer <token>}; at
 * least 12 characters, as in denokv
 * @param databaseId the UUID announced in the metadata and required in {@code x-denokv-database-id}
 * @param endpointUrl the data-path endpoint announced in the metadata, or {@code null} for
 * {@code <servlet path>/v2} relative to the request (right for every mapping unless a proxy rewrites paths)
 * @param tokenTtl how long a metadata answer is valid ({@code expiresAt}); denokv uses one day
 * @param pingInterval time between keep-alive frames of a watch stream; denokv uses 5 s
 * @param maxRequestBytes largest accepted request body; larger ones get 400
 * @param maxConcurrentWatches watch streams served at once; more get 503 (clients retry)
 */
public record KvConnectServerOptions(String accessToken, UUID databaseId, String endpointUrl, Duration tokenTtl,
		Duration pingInterval, int maxRequestBytes, int maxConcurrentWatches) {

	/** denokv's minimum token length. */
	public static final int MIN_ACCESS_TOKEN_LENGTH = 12;

	/** denokv's message for a short token. */
	public static final String SHORT_TOKEN_MESSAGE = "Access token must be at minimum 12 chars long.";

	/** The data-path path denokv announces (it keeps {@code /v2} for protocol 3 too). */
	public static final String DEFAULT_ENDPOINT_PATH = "/v2";

	public KvConnectServerOptions {
		if (accessToken == null || accessToken.length() < MIN_ACCESS_TOKEN_LENGTH) {
			throw new IllegalArgumentException(SHORT_TOKEN_MESSAGE);
		}
		Objects.requireNonNull(databaseId, "databaseId");
		if (endpointUrl != null && (endpointUrl.isEmpty() || endpointUrl.endsWith("/"))) {
			throw new IllegalArgumentException("endpointUrl must be non-empty and must not end with '/': " + endpointUrl);
		}
		requirePositive(tokenTtl, "tokenTtl");
		requirePositive(pingInterval, "pingInterval");
		if (maxRequestBytes < 1024 || maxConcurrentWatches < 1) {
			throw new IllegalArgumentException("maxRequestBytes must be >= 1024 and maxConcurrentWatches >= 1");
		}
	}

	private static void requirePositive(Duration d, String name) {
		if (d == null || d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	/** Defaults: nil database id, derived endpoint, 1 day tokens, 5 s pings, 4 MiB bodies, 256 watches. */
	public static Builder builder(String accessToken) {
		return new Builder(accessToken);
	}

	@Override
	public String toString() {
		return "KvConnectServerOptions[accessToken=<hidden>, databaseId=" + this.databaseId + ", endpointUrl="
				+ this.endpointUrl + ", tokenTtl=" + this.tokenTtl + ", pingInterval=" + this.pingInterval
				+ ", maxRequestBytes=" + this.maxRequestBytes + ", maxConcurrentWatches=" + this.maxConcurrentWatches + "]";
	}

	/** Builder of {@link KvConnectServerOptions}. */
	public static final class Builder {

		private final String accessToken;

		private UUID databaseId = new UUID(0, 0);

		private String endpointUrl;

		private Duration tokenTtl = Duration.ofDays(1);

		private Duration pingInterval = Duration.ofSeconds(5);

		private int maxRequestBytes = 4 * 1024 * 1024;

		private int maxConcurrentWatches = 256;

		private Builder(String accessToken) {
			this.accessToken = accessToken;
		}

		public Builder databaseId(UUID databaseId) {
			this.databaseId = databaseId;
			return this;
		}

		public Builder endpointUrl(String endpointUrl) {
			this.endpointUrl = endpointUrl;
			return this;
		}

		public Builder tokenTtl(Duration tokenTtl) {
			this.tokenTtl = tokenTtl;
			return this;
		}

		public Builder pingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
			return this;
		}

		public Builder maxRequestBytes(int maxRequestBytes) {
			this.maxRequestBytes = maxRequestBytes;
			return this;
		}

		public Builder maxConcurrentWatches(int maxConcurrentWatches) {
			this.maxConcurrentWatches = maxConcurrentWatches;
			return this;
		}

		public KvConnectServerOptions build() {
			return new KvConnectServerOptions(this.accessToken, this.databaseId, this.endpointUrl, this.tokenTtl,
					this.pingInterval, this.maxRequestBytes, this.maxConcurrentWatches);
		}

	}

}
