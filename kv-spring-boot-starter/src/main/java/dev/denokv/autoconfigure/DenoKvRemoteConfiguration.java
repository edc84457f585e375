package dev.denokv.autoconfigure;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.denokv.autoconfigure.remote.DenoKvMetadataRefresher;
import dev.denokv.autoconfigure.remote.DenoKvPrivateScheduling;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteOptions;

/**
 * The KV Connect backend, when {@code deno.kv.url} is an http(s) URL. Its metadata (endpoints and
 * data-path token) is refreshed by the {@code @Scheduled} {@link DenoKvMetadataRefresher}, which runs
 * on the library's own scheduler ({@link DenoKvPrivateScheduling}), not the application's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDenoKvBackend(remote = true)
@ConditionalOnClass(name = DenoKvRemoteClientMissingConfiguration.REMOTE_HANDLER)
class DenoKvRemoteConfiguration {

	@Bean
	@ConditionalOnMissingBean(DatabaseHandler.class)
	RemoteDatabaseHandler denoKvDatabaseHandler(DenoKvProperties properties, Environment environment) {
		String token = DenoKvAccessTokens.resolve(properties.accessToken(), environment);
		if (token == null) {
			throw new IllegalStateException("deno.kv.url " + DenoKvUrl.parse(properties.url()).redacted()
					+ " is a KV Connect URL, which needs an access token: set deno.kv.access-token or the environment "
					+ "variable " + DenoKvProperties.ACCESS_TOKEN_ENV);
		}
		return RemoteDatabaseHandler.create(URI.create(properties.url().strip()), token, remoteOptions(properties.remote()));
	}

	/** The handler does not refresh on its own thread: the scheduled refresher does it. */
	static RemoteOptions remoteOptions(DenoKvProperties.Remote remote) {
		DenoKvProperties.Retry retry = remote.retry();
		return RemoteOptions.defaults()
			.withConnectTimeout(remote.connectTimeout())
			.withRequestTimeout(remote.requestTimeout())
			.withRetry(new RemoteOptions.Retry(retry.initialDelay(), retry.multiplier(), retry.maxDelay(), retry.jitter(),
					retry.deadline()))
			.withMetadataRefresh(remote.metadataRefreshInterval(), remote.metadataRefreshMargin())
			.withWatchIdleTimeout(remote.watchIdleTimeout())
			.withRetryAmbiguousWrites(remote.retryAmbiguousWrites())
			.withBackgroundRefresh(false);
	}

	@Bean
	@ConditionalOnMissingBean(name = "denoKvMetadataRefreshScheduling")
	DenoKvPrivateScheduling denoKvMetadataRefreshScheduling(ObjectProvider<DatabaseHandler> handler,
			DenoKvProperties properties, Environment environment) {
		// The refresher is not a bean, so that an application with @EnableScheduling does not run it too.
		DenoKvMetadataRefresher refresher = new DenoKvMetadataRefresher(handler,
				properties.remote().metadataRefreshInterval());
		return new DenoKvPrivateScheduling(refresher, "denoKvMetadataRefresher",
				environment::resolveRequiredPlaceholders, "denokv-metadata-");
	}

}
