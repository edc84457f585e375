package dev.denokv.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.denokv.core.KvOperations;
import dev.denokv.core.KvTemplate;
import dev.denokv.core.KvTemplateBuilder;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.value.JacksonKvValueCodec;
import dev.denokv.value.KvValueCodec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of Deno KV: a {@link DatabaseHandler} chosen by {@code deno.kv.url} (SQLite
 * file, {@code :memory:}, or KV Connect), a {@link KvValueCodec} on the application's
 * {@link JsonMapper}, and a {@link KvTemplate}. Every bean backs off when the application defines
 * its own. The application's {@code JsonMapper} is used as it is, never modified.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@EnableConfigurationProperties(DenoKvProperties.class)
@Import({ DenoKvSqliteConfiguration.class, DenoKvRemoteConfiguration.class,
		DenoKvRemoteClientMissingConfiguration.class })
public final class DenoKvAutoConfiguration {

	/**
	 * Maps values through the application's {@code JsonMapper} (Boot's primary one), or Jackson's
	 * shared default mapper without one. The codec works on a private copy: the application's mapper
	 * is not changed.
	 */
	@Bean
	@ConditionalOnMissingBean
	KvValueCodec denoKvValueCodec(ObjectProvider<JsonMapper> jsonMapper) {
		return new JacksonKvValueCodec(jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	/**
	 * The template over the handler. It does not close the handler: the handler is a bean of its
	 * own and is closed when the context destroys it, after the template. With several handlers of
	 * the application's own and none primary, there is no one database to make a template for: the
	 * application declares its templates.
	 */
	@Bean
	@ConditionalOnMissingBean(KvOperations.class)
	@ConditionalOnSingleCandidate(DatabaseHandler.class)
	KvTemplate kvTemplate(DatabaseHandler denoKvDatabaseHandler, KvValueCodec denoKvValueCodec,
			ObjectProvider<KvTemplateBuilderCustomizer> customizers) {
		KvTemplateBuilder builder = KvTemplate.builder(denoKvDatabaseHandler)
			.valueCodec(denoKvValueCodec)
			.closeHandlerOnClose(false);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
