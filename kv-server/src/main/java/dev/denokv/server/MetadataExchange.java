package dev.denokv.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.denokv.handler.Consistency;
import dev.denokv.protocol.DatabaseMetadata;
import dev.denokv.protocol.KvConnectProtocolException;
import dev.denokv.protocol.MetadataExchangeRequest;
import dev.denokv.protocol.MetadataJson;

/**
 * {@code POST <metadata URL>}: authenticates with the access token, negotiates protocol 3 (else 2)
 * and answers with the exact JSON shape the strict {@code @deno/kv} client accepts. Unlike denokv,
 * the token is checked before the body is even read, so unauthenticated callers learn nothing.
 */
final class MetadataExchange {

	static final String MINIMUM_VERSION = "The server requires at least protocol version 2. Use Deno 1.38.0 or newer.";

	static final String NO_COMMON_VERSION = "The server could not negotiate a protocol version. "
			+ "The server requires protocol version 2 or 3.";

	private final KvConnectServerOptions options;

	private final AccessTokenVerifier verifier;

	private final Clock clock;

	MetadataExchange(KvConnectServerOptions options, AccessTokenVerifier verifier, Clock clock) {
		this.options = options;
		this.verifier = verifier;
		this.clock = clock;
	}

	void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.verifier.verify(request.getHeader("Authorization"));
		if (!isJson(request.getContentType())) {
			throw KvConnectError.badRequest(MINIMUM_VERSION);
		}
		MetadataExchangeRequest exchange;
		try {
			exchange = MetadataJson.readRequest(RequestBodies.read(request, this.options.maxRequestBytes()));
		}
		catch (KvConnectProtocolException ex) {
			throw KvConnectError.badRequest(MINIMUM_VERSION);
		}
		int version = negotiate(exchange.supportedVersions());
		DatabaseMetadata metadata = new DatabaseMetadata(version, this.options.databaseId(),
				List.of(new DatabaseMetadata.Endpoint(endpointUrl(request), Consistency.STRONG)),
				this.options.accessToken(), this.clock.instant().plus(this.options.tokenTtl()));
		byte[] body = MetadataJson.write(metadata).getBytes(StandardCharsets.UTF_8);
		response.setStatus(200);
		// @deno/kv rejects any parameter: undo a charset a filter or container default has set.
		response.setCharacterEncoding((String) null);
		response.setContentType(MetadataJson.CONTENT_TYPE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	static int negotiate(List<Integer> supported) {
		if (supported.contains(3)) {
			return 3;
		}
		if (supported.contains(2)) {
			return 2;
		}
		throw KvConnectError.badRequest(NO_COMMON_VERSION);
	}

	/**
	 * The configured endpoint, or {@code /v2} below this servlet's own path, which clients resolve
	 * against the metadata URL.
	 */
	String endpointUrl(HttpServletRequest request) {
		if (this.options.endpointUrl() != null) {
			return this.options.endpointUrl();
		}
		return request.getContextPath() + request.getServletPath() + KvConnectServerOptions.DEFAULT_ENDPOINT_PATH;
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mime = ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim();
		return mime.toLowerCase(Locale.ROOT).equals("application/json");
	}

}
