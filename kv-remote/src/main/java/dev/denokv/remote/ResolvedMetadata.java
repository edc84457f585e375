package dev.denokv.remote;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.denokv.handler.Consistency;
import dev.denokv.protocol.DatabaseMetadata;

/**
 * The validated answer of one metadata exchange, with its endpoint URLs resolved. It holds the
 * data-path token, so it never leaves this package; {@link RemoteMetadataState} is its public,
 * token-free view.
 *
 * @param metadata the metadata as the server sent it
 * @param endpoints its endpoints, resolved to absolute URLs, in the server's order
 * @param fetchedAt when it arrived
 */
record ResolvedMetadata(DatabaseMetadata metadata, List<RemoteEndpoint> endpoints, Instant fetchedAt) {

	ResolvedMetadata {
		endpoints = List.copyOf(endpoints);
	}

	int version() {
		return this.metadata.version();
	}

	String token() {
		return this.metadata.token();
	}

	Instant expiresAt() {
		return this.metadata.expiresAt();
	}

	/** Whether the metadata may no longer be used (KV Connect: not after {@code expiresAt}). */
	boolean isExpired(Instant now) {
		return !now.isBefore(expiresAt());
	}

	/**
	 * The endpoint for an operation: the first strong one for strong reads, writes and watches;
	 * for eventual reads the first eventual one, else the first strong one (as the npm client does;
	 * denokv's Rust client always takes the first strong one).
	 */
	Optional<RemoteEndpoint> endpointFor(Consistency consistency) {
		if (consistency == Consistency.EVENTUAL) {
			Optional<RemoteEndpoint> eventual = first(Consistency.EVENTUAL);
			if (eventual.isPresent()) {
				return eventual;
			}
		}
		return first(Consistency.STRONG);
	}

	private Optional<RemoteEndpoint> first(Consistency consistency) {
		return this.endpoints.stream().filter((e) -> e.consistency() == consistency).findFirst();
	}

	@Override
	public String toString() {
		return "ResolvedMetadata[" + this.metadata + ", fetchedAt=" + this.fetchedAt + "]";
	}

}
