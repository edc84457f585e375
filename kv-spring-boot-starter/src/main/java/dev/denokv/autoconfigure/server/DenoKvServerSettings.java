package dev.denokv.autoconfigure.server;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.denokv.autoconfigure.DenoKvAccessTokens;
import dev.denokv.autoconfigure.DenoKvProperties;
import dev.denokv.server.KvConnectServerOptions;

/**
 * The servlet mapping and server options derived from {@code deno.kv.server.*}, with the startup
 * errors a misconfiguration deserves.
 *
 * @param mapping the servlet URL mapping, {@code <path>/*}
 * @param options the server options
 */
record DenoKvServerSettings(String mapping, KvConnectServerOptions options) {

	static DenoKvServerSettings of(DenoKvProperties.Server server, Environment environment) {
		return new DenoKvServerSettings(mapping(server.path()), options(server, environment));
	}

	/** {@code "/kv"}, {@code "kv"} and {@code "/kv/"} all map {@code /kv/*}; the root is refused. */
	static String mapping(String path) {
		String trimmed = (path != null) ? path.strip() : "";
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.isEmpty()) {
			throw new IllegalStateException("deno.kv.server.path must not be the root path: the KV Connect server "
					+ "would hide the application's own endpoints. Use a path such as /kv");
		}
		return (trimmed.startsWith("/") ? trimmed : "/" + trimmed) + "/*";
	}

	private static KvConnectServerOptions options(DenoKvProperties.Server server, Environment environment) {
		String token = DenoKvAccessTokens.resolve(server.accessToken(), environment);
		if (token == null) {
			throw new IllegalStateException("deno.kv.server.enabled=true needs the access token clients must send: set "
					+ "deno.kv.server.access-token or the environment variable " + DenoKvProperties.ACCESS_TOKEN_ENV
					+ " (at least " + KvConnectServerOptions.MIN_ACCESS_TOKEN_LENGTH + " characters)");
		}
		if (token.length() < KvConnectServerOptions.MIN_ACCESS_TOKEN_LENGTH) {
			throw new IllegalStateException("deno.kv.server.access-token: " + KvConnectServerOptions.SHORT_TOKEN_MESSAGE);
		}
		return KvConnectServerOptions.builder(token)
			.databaseId(server.databaseId())
			.endpointUrl(StringUtils.hasText(server.endpointUrl()) ? server.endpointUrl().strip() : null)
			.tokenTtl(server.tokenTtl())
			.pingInterval(server.pingInterval())
			.maxRequestBytes(Math.toIntExact(server.maxRequestSize().toBytes()))
			.maxConcurrentWatches(server.maxConcurrentWatches())
			.build();
	}

}
