package dev.denokv.protocol;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.denokv.handler.Consistency;

/**
 * The answer of a KV Connect metadata exchange (the same shape for protocol versions 1 to 3).
 * Serialize and parse it with {@link MetadataJson}. {@link #toString()} never shows the token.
 *
 * @param version the negotiated protocol version
 * @param databaseId the database UUID, echoed in the {@code x-denokv-database-id} header
 * @param endpoints the data-path endpoints, at least one
 * @param token the bearer token for the data path
 * @param expiresAt when the metadata (token and endpoints) must no longer be used
 */
public record DatabaseMetadata(int version, UUID databaseId, List<Endpoint> endpoints, String token,
		Instant expiresAt) {

	public DatabaseMetadata {
		Objects.requireNonNull(databaseId, "databaseId");
		endpoints = List.copyOf(endpoints);
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

	/** The first endpoint with the given consistency, or {@code null}. */
	public Endpoint firstEndpoint(Consistency consistency) {
		return this.endpoints.stream().filter((e) -> e.consistency() == consistency).findFirst().orElse(null);
	}

	@Override
	public String toString() {
		return "DatabaseMetadata[version=" + this.version + ", databaseId=" + this.databaseId + ", endpoints="
				+ this.endpoints + ", token=<hidden>, expiresAt=" + this.expiresAt + "]";
	}

	/**
	 * One data-path endpoint.
	 * @param url absolute, or (v2+) relative to the metadata URL; never ends with {@code /}
	 * @param consistency the strongest read consistency it serves
	 */
	public record Endpoint(String url, Consistency consistency) {

		public Endpoint {
			Objects.requireNonNull(url, "url");
			Objects.requireNonNull(consistency, "consistency");
		}

		/**
		 * The absolute endpoint URL: v1 URLs must be absolute, later versions resolve against the
		 * (final) metadata URL. Append {@code "/snapshot_read"} etc. to the result.
		 */
		public URI resolve(URI metadataUrl, int version) {
			URI uri = URI.create(this.url);
			if (version <= 1) {
				if (!uri.isAbsolute()) {
					throw new KvConnectProtocolException("endpoint URL must be absolute in protocol version 1: " + this.url);
				}
				return uri;
			}
			return metadataUrl.resolve(uri);
		}

	}

}
