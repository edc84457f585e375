package dev.denokv.autoconfigure.observation;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.autoconfigure.KvTemplateBuilderCustomizer;
import dev.denokv.observation.KvObservationConvention;

/**
 * Reports every KV operation as a Micrometer observation ({@code denokv.client.operation}, with
 * low-cardinality tags only; keys and values are never recorded) to the application's
 * {@link ObservationRegistry}, or to none ({@link ObservationRegistry#NOOP}) when it has none. A
 * {@link KvObservationConvention} bean replaces the default names and tags. Turn the
 * observations off with {@code management.observations.enable.denokv=false}.
 */
@AutoConfiguration(before = DenoKvAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
public final class DenoKvObservationAutoConfiguration {

	/** Order 0: the application's own customizers (unordered: last) run after it and win. */
	@Bean
	@Order(0)
	@ConditionalOnMissingBean(name = "denoKvObservationCustomizer")
	KvTemplateBuilderCustomizer denoKvObservationCustomizer(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<KvObservationConvention> observationConvention) {
		return (builder) -> {
			builder.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
			observationConvention.ifUnique(builder::observationConvention);
		};
	}

}
