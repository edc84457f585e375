package dev.denokv.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.denokv.autoconfigure.health.DenoKvHealthContributorAutoConfiguration;
import dev.denokv.autoconfigure.listener.DenoKvQueueListenerAutoConfiguration;
import dev.denokv.autoconfigure.listener.KvQueueListenerLifecycle;
import dev.denokv.core.KvOperations;
import dev.denokv.core.KvTemplate;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with two databases of its own (no {@code @Primary}): the starter backs off
 * instead of failing on the ambiguity, and its single-database extras stay out.
 */
class TwoDatabasesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class,
				DenoKvQueueListenerAutoConfiguration.class, DenoKvHealthContributorAutoConfiguration.class))
		.withUserConfiguration(TwoDatabases.class);

	@Test
	void theStarterBacksOffAndLeavesOutItsSingleDatabaseExtras() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBeans(KvOperations.class).hasSize(2);
			assertThat(context).getBeans(DatabaseHandler.class).hasSize(2);
			assertThat(context).doesNotHaveBean(KvQueueListenerLifecycle.class);
			assertThat(context).doesNotHaveBean(HealthIndicator.class);
		});
	}

	@Test
	void twoHandlersWithoutTemplatesGetNoTemplateRatherThanAFailedStartup() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class,
					DenoKvQueueListenerAutoConfiguration.class, DenoKvHealthContributorAutoConfiguration.class))
			.withUserConfiguration(TwoHandlers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBeans(DatabaseHandler.class).hasSize(2);
				assertThat(context).doesNotHaveBean(KvOperations.class);
				assertThat(context).doesNotHaveBean(HealthIndicator.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoHandlers {

		@Bean
		SqliteDatabaseHandler ordersHandler() {
			return SqliteDatabaseHandler.openInMemory();
		}

		@Bean
		SqliteDatabaseHandler cacheHandler() {
			return SqliteDatabaseHandler.openInMemory();
		}

	}

	/** The two handlers, each with a template of the application's own. */
	@Configuration(proxyBeanMethods = false)
	@Import(TwoHandlers.class)
	static class TwoDatabases {

		@Bean
		KvTemplate ordersKv(SqliteDatabaseHandler ordersHandler) {
			return new KvTemplate(ordersHandler);
		}

		@Bean
		KvTemplate cacheKv(SqliteDatabaseHandler cacheHandler) {
			return new KvTemplate(cacheHandler);
		}

	}

}
