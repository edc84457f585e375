package dev.denokv.remote;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the client knows from its last metadata exchange, for health indicators and logs. It never
 * contains the access token or the data-path token.
 *
 * @param url the metadata URL, without user info, query or fragment
 * @param status whether usable metadata is held
 * @param protocolVersion the negotiated KV Connect version, or {@code null} before the first exchange
 * @param databaseId the database id, or {@code null}
 * @param endpoints the data-path endpoints (empty before the first exchange)
 * @param tokenExpiresAt when the data-path token expires, or {@code null}
 * @param fetchedAt when the metadata was received, or {@code null}
 * @param nextRefreshAt when the next refresh is due, or {@code null} when none is planned
 * @param lastError the message of the last failed exchange since the last success, or {@code null}
 */
public record RemoteMetadataState(URI url, Status status, Integer protocolVersion, UUID databaseId,
		List<RemoteEndpoint> endpoints, Instant tokenExpiresAt, Instant fetchedAt, Instant nextRefreshAt,
		String lastError) {

	public RemoteMetadataState {
		endpoints = List.copyOf(endpoints);
	}

	/** Whether the client holds usable metadata. */
	public enum Status {

		/** No exchange has succeeded yet and none has failed. */
		NOT_CONNECTED,

		/** Metadata is held and its token has not expired. */
		CONNECTED,

		/** Metadata is held but its token has expired; the next call refreshes it first. */
		EXPIRED,

		/** The last exchange failed and no unexpired metadata is held. */
		FAILED

	}

	/**
	 * The state as flat details (for example a health indicator's): {@code url}, {@code status},
	 * {@code protocolVersion}, {@code databaseId}, {@code endpoints} ({@code "<consistency> <url>"}),
	 * {@code tokenExpiresAt}, {@code fetchedAt}, {@code nextRefreshAt}, {@code lastError}; absent
	 * values are left out.
	 */
	public Map<String, Object> toDetails() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("url", this.url.toString());
		details.put("status", this.status.name());
		putIfPresent(details, "protocolVersion", this.protocolVersion);
		putIfPresent(details, "databaseId", this.databaseId);
		if (!this.endpoints.isEmpty()) {
			details.put("endpoints", this.endpoints.stream()
				.map((e) -> e.consistency().name().toLowerCase(java.util.Locale.ROOT) + " " + e.url())
				.toList());
		}
		putIfPresent(details, "tokenExpiresAt", this.tokenExpiresAt);
		putIfPresent(details, "fetchedAt", this.fetchedAt);
		putIfPresent(details, "nextRefreshAt", this.nextRefreshAt);
		putIfPresent(details, "lastError", this.lastError);
		return details;
	}

	private static void putIfPresent(Map<String, Object> details, String name, Object value) {
		if (value != null) {
			details.put(name, (value instanceof Number) ? value : value.toString());
		}
	}

}
