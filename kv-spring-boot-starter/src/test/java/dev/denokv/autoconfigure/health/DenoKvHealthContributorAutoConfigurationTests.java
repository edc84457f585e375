package dev.denokv.autoconfigure.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/** The denokv health indicator: details, disabling, backing off, DOWN and the timeout. */
class DenoKvHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class,
				DenoKvHealthContributorAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void reportsUpWithTheSqliteFileAndEngine() {
		Path file = this.dir.resolve("health.sqlite3");
		this.runner.withPropertyValues("deno.kv.url=" + file).run((context) -> {
			assertThat(context).hasBean("denokvHealthIndicator");
			Health health = context.getBean("denokvHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("backend", "sqlite")
				.containsEntry("path", file.toAbsolutePath().toString())
				.containsEntry("synchronous", "FULL")
				.containsEntry("journalMode", "wal")
				.containsKey("sqliteVersion");
		});
	}

	@Test
	void reportsTheInMemoryDatabase() {
		this.runner.withPropertyValues("deno.kv.url=:memory:").run((context) -> {
			Health health = context.getBean("denokvHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("path", ":memory:");
		});
	}

	@Test
	void canBeDisabled() {
		this.runner.withPropertyValues("deno.kv.url=:memory:", "management.health.denokv.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("denokvHealthIndicator"));
	}

	@Test
	void backsOffForTheApplicationsIndicator() {
		HealthIndicator own = () -> Health.up().withDetail("own", true).build();
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean("denokvHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context.getBean("denokvHealthIndicator")).isSameAs(own));
	}

	@Test
	void reportsDownWhenTheDatabaseIsClosed() {
		this.runner.withPropertyValues("deno.kv.url=:memory:").run((context) -> {
			context.getBean(DatabaseHandler.class).close();
			Health health = context.getBean("denokvHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("backend", "sqlite").containsKey("error");
		});
	}

	@Test
	void reportsDownWhenTheDatabaseDoesNotAnswerInTime() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		DenoKvHealthDetails hanging = new DenoKvHealthDetails() {

			@Override
			public Map<String, Object> describe(DatabaseHandler handler) {
				return Map.of("path", "somewhere");
			}

			@Override
			public Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) throws Exception {
				release.await(10, TimeUnit.SECONDS);
				return Map.of();
			}

		};
		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.openInMemory()) {
			DenoKvHealthIndicator indicator = new DenoKvHealthIndicator(handler, hanging, Duration.ofMillis(100));
			long start = System.nanoTime();
			Health health = indicator.health();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("path", "somewhere")
				.containsEntry("error", "No answer within PT0.1S");
			release.countDown();
			indicator.destroy();
		}
	}

}
