package dev.denokv.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.denokv.handler.DatabaseHandler;

/**
 * An http(s) URL without the KV Connect client on the classpath: fail at startup with a clear
 * message rather than silently opening a SQLite file named like a URL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDenoKvBackend(remote = true)
@ConditionalOnMissingClass(DenoKvRemoteClientMissingConfiguration.REMOTE_HANDLER)
class DenoKvRemoteClientMissingConfiguration {

	/** The KV Connect client's handler class, looked up by name because kv-remote may be absent. */
	static final String REMOTE_HANDLER = "dev.denokv.remote.RemoteDatabaseHandler";

	@Bean
	@ConditionalOnMissingBean(DatabaseHandler.class)
	DatabaseHandler denoKvDatabaseHandler(DenoKvProperties properties) {
		throw new DenoKvBackendMissingException(DenoKvUrl.parse(properties.url()));
	}

}
