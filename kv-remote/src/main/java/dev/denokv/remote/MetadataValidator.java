package dev.denokv.remote;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.denokv.protocol.DatabaseMetadata;
import dev.denokv.protocol.KvConnectProtocolException;
import dev.denokv.protocol.MetadataJson;

/**
 * Validates a metadata exchange response (kv-format.md §1.3) and resolves its endpoint URLs.
 * {@link MetadataJson#read} checks each field as denokv's client does (version first, then
 * databaseId, endpoints with their consistency, token and expiresAt, with denokv's messages); this
 * class adds what a client needs before it can use the answer: at least one endpoint, a non-empty
 * token, and endpoint URLs that resolve to http(s) URLs without query or fragment. Every failure
 * is a permanent {@link KvRemoteException} starting with {@code "Failed to parse metadata"} or
 * carrying denokv's message.
 */
final class MetadataValidator {

	private MetadataValidator() {
	}

	/**
	 * @param metadataUrl the URL the metadata was fetched from; relative endpoints resolve against it
	 * @param body the response body
	 * @param fetchedAt when the response arrived
	 */
	static ResolvedMetadata validate(URI metadataUrl, String body, Instant fetchedAt) {
		DatabaseMetadata metadata;
		try {
			metadata = MetadataJson.read(body);
		}
		catch (KvConnectProtocolException ex) {
			throw new KvRemoteException(ex.getMessage(), 200, false, ex);
		}
		if (metadata.endpoints().isEmpty()) {
			throw invalid("'endpoints' must not be empty");
		}
		if (metadata.token().isEmpty()) {
			throw invalid("'token' must not be empty");
		}
		URI base = normalize(metadataUrl);
		List<RemoteEndpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < metadata.endpoints().size(); i++) {
			DatabaseMetadata.Endpoint endpoint = metadata.endpoints().get(i);
			endpoints.add(new RemoteEndpoint(resolve(endpoint, i, base, metadata.version()), endpoint.consistency()));
		}
		return new ResolvedMetadata(metadata, endpoints, fetchedAt);
	}

	private static URI resolve(DatabaseMetadata.Endpoint endpoint, int index, URI base, int version) {
		String field = "'endpoints[" + index + "].url' ";
		URI resolved;
		try {
			resolved = normalize(endpoint.resolve(base, version));
		}
		catch (KvConnectProtocolException ex) {
			throw new KvRemoteException("Failed to parse metadata: " + ex.getMessage(), 200, false, ex);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field + "is not a valid URL: " + endpoint.url());
		}
		String scheme = (resolved.getScheme() != null) ? resolved.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw invalid(field + "must be an http or https URL, got " + endpoint.url());
		}
		if (resolved.getHost() == null) {
			throw invalid(field + "has no host: " + endpoint.url());
		}
		if (resolved.getRawQuery() != null || resolved.getRawFragment() != null) {
			throw invalid(field + "must not have a query or fragment, got " + endpoint.url());
		}
		return resolved;
	}

	/**
	 * A URL as WHATWG parsing leaves it, which is how Deno sees it: an http(s) URL without a path
	 * gets the path {@code /} ({@code http://host:4512} becomes {@code http://host:4512/}). This also
	 * keeps {@link URI#resolve} from gluing a relative path onto the authority.
	 */
	static URI normalize(URI url) {
		if (url.isAbsolute() && url.getRawAuthority() != null
				&& (url.getRawPath() == null || url.getRawPath().isEmpty())) {
			String query = (url.getRawQuery() != null) ? "?" + url.getRawQuery() : "";
			String fragment = (url.getRawFragment() != null) ? "#" + url.getRawFragment() : "";
			return URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/" + query + fragment);
		}
		return url;
	}

	private static KvRemoteException invalid(String detail) {
		return new KvRemoteException("Failed to parse metadata: " + detail, 200, false);
	}

}
