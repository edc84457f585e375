package dev.denokv.autoconfigure.listener;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.autoconfigure.DenoKvProperties;
import dev.denokv.core.KvOperations;
import dev.denokv.core.KvQueueListenerOptions;

/**
 * Runs the application's {@link KvQueueListener} method on the database's queue, from the end of
 * the context refresh until the context closes.
 */
@AutoConfiguration(after = DenoKvAutoConfiguration.class)
@ConditionalOnSingleCandidate(KvOperations.class)
public final class DenoKvQueueListenerAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean
	static KvQueueListenerMethodCollector denoKvQueueListenerMethodCollector() {
		return new KvQueueListenerMethodCollector();
	}

	/**
	 * With {@code spring.main.lazy-initialization=true} a listener bean would be created only when
	 * something needs it, which may be never: the collector would not see it and nothing would
	 * listen. Such beans are created eagerly, as Boot does for {@code @Scheduled} beans.
	 */
	@Bean
	static LazyInitializationExcludeFilter denoKvQueueListenerLazyInitializationExcludeFilter() {
		return (beanName, beanDefinition, beanType) -> KvQueueListenerMethodCollector.hasListenerMethods(beanType);
	}

	@Bean
	@ConditionalOnMissingBean
	KvQueueListenerLifecycle denoKvQueueListenerLifecycle(KvOperations kv, KvQueueListenerMethodCollector collector,
			DenoKvProperties properties) {
		DenoKvProperties.Listener listener = properties.listener();
		KvQueueListenerOptions options = KvQueueListenerOptions.defaults()
			.withConcurrency(listener.concurrency())
			.withShutdownTimeout(listener.shutdownTimeout())
			.withThreadNamePrefix("denokv-queue-");
		return new KvQueueListenerLifecycle(kv, collector::listener, options, listener.autoStartup());
	}

}
