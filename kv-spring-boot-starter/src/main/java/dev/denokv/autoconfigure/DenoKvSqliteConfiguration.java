package dev.denokv.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.denokv.core.KvLimits;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

/** The SQLite backend, when {@code deno.kv.url} is a file path or {@code :memory:}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnDenoKvBackend(remote = false)
class DenoKvSqliteConfiguration {

	@Bean
	@ConditionalOnMissingBean(DatabaseHandler.class)
	SqliteDatabaseHandler denoKvDatabaseHandler(DenoKvProperties properties) {
		return SqliteDatabaseHandler.open(sqliteOptions(properties));
	}

	static SqliteOptions sqliteOptions(DenoKvProperties properties) {
		DenoKvProperties.Sqlite sqlite = properties.sqlite();
		SqliteOptions options = SqliteOptions.of(DenoKvUrl.parse(properties.url()).value())
			.withSynchronous(sqlite.synchronous())
			.withBusyTimeout(sqlite.busyTimeout())
			.withExpirySweepInterval(sqlite.expirySweepInterval())
			.withMmapSize(sqlite.mmapSize().toBytes())
			.withReadOnly(sqlite.readOnly())
			// Served over KV Connect, the handler takes what denokv accepts (more backoff intervals,
			// larger check keys...) instead of refusing it with Deno's stricter limits; the
			// application's own calls are still held to Deno's by its template.
			.withLimits(properties.server().enabled() ? KvLimits.kvConnectBackend() : KvLimits.deno());
		return (sqlite.readers() != null) ? options.withReaderPoolSize(sqlite.readers()) : options;
	}

}
