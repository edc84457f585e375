package dev.denokv.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import dev.denokv.autoconfigure.health.DenoKvHealthContributorAutoConfiguration;
import dev.denokv.autoconfigure.remote.DenoKvPrivateScheduling;
import dev.denokv.core.KvOperations;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteMetadataState;
import dev.denokv.remote.RemoteOptions;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.value.JacksonKvValueCodec;

import static org.assertj.core.api.Assertions.assertThat;

/** An http(s) URL selects the KV Connect client, here against a real KV Connect server on loopback. */
class DenoKvRemoteAutoConfigurationTests {

	private static final String TOKEN = "remote-test-token-0123";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class,
				DenoKvHealthContributorAutoConfiguration.class));

	@TempDir
	Path dir;

	private SqliteDatabaseHandler serverDatabase;

	private KvConnectServer server;

	private boolean serverStopped;

	@BeforeEach
	void startServer() {
		this.serverDatabase = SqliteDatabaseHandler.open(this.dir.resolve("server.sqlite3"));
		this.server = KvConnectServer.builder(this.serverDatabase, KvConnectServerOptions.builder(TOKEN).build())
			.host("127.0.0.1")
			.port(0)
			.start();
	}

	@AfterEach
	void stopServer() {
		if (!this.serverStopped) {
			this.server.close();
		}
		this.serverDatabase.close();
	}

	@Test
	void anHttpUrlTalksToTheKvConnectServer() {
		this.runner.withPropertyValues("deno.kv.url=" + this.server.url(), "deno.kv.access-token=" + TOKEN)
			.run((context) -> {
				assertThat(context).hasSingleBean(RemoteDatabaseHandler.class).doesNotHaveBean(SqliteDatabaseHandler.class);
				KvOperations kv = context.getBean(KvOperations.class);
				kv.set(KvKey.of("from", "spring"), "over KV Connect");
				assertThat(kv.get(KvKey.of("from", "spring"), String.class).value()).isEqualTo("over KV Connect");
			});
		// It really went to the server's database.
		assertThat(new dev.denokv.core.KvTemplate(this.serverDatabase, new JacksonKvValueCodec())
			.get(KvKey.of("from", "spring"), String.class)
			.value()).isEqualTo("over KV Connect");
	}

	@Test
	void theTokenFallsBackToDenosEnvironmentVariable() {
		this.runner.withPropertyValues("deno.kv.url=" + this.server.url(), "DENO_KV_ACCESS_TOKEN=" + TOKEN)
			.run((context) -> {
				KvOperations kv = context.getBean(KvOperations.class);
				kv.set(KvKey.of("k"), "v");
				assertThat(kv.get(KvKey.of("k"), String.class).value()).isEqualTo("v");
			});
	}

	@Test
	void withoutATokenTheStartupFailsClearly() {
		this.runner.withPropertyValues("deno.kv.url=" + this.server.url(), "DENO_KV_ACCESS_TOKEN=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("deno.kv.access-token")
				.hasMessageContaining("DENO_KV_ACCESS_TOKEN"));
	}

	@Test
	void remoteTuningIsApplied() {
		this.runner
			.withPropertyValues("deno.kv.url=" + this.server.url(), "deno.kv.access-token=" + TOKEN,
					"deno.kv.remote.connect-timeout=2s", "deno.kv.remote.request-timeout=7s",
					"deno.kv.remote.retry.initial-delay=50ms", "deno.kv.remote.retry.multiplier=3",
					"deno.kv.remote.retry.max-delay=4s", "deno.kv.remote.retry.jitter=10ms",
					"deno.kv.remote.retry.deadline=20s", "deno.kv.remote.metadata-refresh-interval=30s",
					"deno.kv.remote.metadata-refresh-margin=2m", "deno.kv.remote.watch-idle-timeout=12s",
					"deno.kv.remote.retry-ambiguous-writes=false")
			.run((context) -> {
				RemoteOptions options = context.getBean(RemoteDatabaseHandler.class).options();
				assertThat(options.connectTimeout()).hasSeconds(2);
				assertThat(options.requestTimeout()).hasSeconds(7);
				assertThat(options.retry()).isEqualTo(new RemoteOptions.Retry(Duration.ofMillis(50), 3.0,
						Duration.ofSeconds(4), Duration.ofMillis(10), Duration.ofSeconds(20)));
				assertThat(options.metadataRefreshInterval()).hasSeconds(30);
				assertThat(options.metadataRefreshMargin()).hasMinutes(2);
				assertThat(options.watchIdleTimeout()).hasSeconds(12);
				assertThat(options.retryAmbiguousWrites()).isFalse();
				// The scheduled refresher does the refreshing, not a thread of the handler's own.
				assertThat(options.backgroundRefresh()).isFalse();
			});
	}

	@Test
	void theScheduledRefresherKeepsTheMetadataFresh() {
		this.runner
			.withPropertyValues("deno.kv.url=" + this.server.url(), "deno.kv.access-token=" + TOKEN,
					"deno.kv.remote.metadata-refresh-interval=150ms")
			.run((context) -> {
				RemoteDatabaseHandler handler = context.getBean(RemoteDatabaseHandler.class);
				assertThat(context.getBean(DenoKvPrivateScheduling.class).scheduledTasks()).hasSize(1);
				handler.refreshMetadata();
				Instant first = handler.metadataState().fetchedAt();
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (!handler.metadataState().fetchedAt().isAfter(first) && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
				assertThat(handler.metadataState().fetchedAt()).isAfter(first);
			});
	}

	@Test
	void theScheduledRefresherRefreshesAtThePlannedTimeNotOnlyEachInterval() throws InterruptedException {
		// Tokens live 3 s and are refreshed 1 s before they expire, but the interval is 5 s: waking
		// only every interval, the refresher would let each token expire first.
		try (SqliteDatabaseHandler database = SqliteDatabaseHandler.openInMemory();
				KvConnectServer shortTokens = KvConnectServer
					.builder(database, KvConnectServerOptions.builder(TOKEN).tokenTtl(Duration.ofSeconds(3)).build())
					.host("127.0.0.1")
					.port(0)
					.start()) {
			this.runner
				.withPropertyValues("deno.kv.url=" + shortTokens.url(), "deno.kv.access-token=" + TOKEN,
						"deno.kv.remote.metadata-refresh-interval=5s", "deno.kv.remote.metadata-refresh-margin=1s")
				.run((context) -> {
					RemoteDatabaseHandler handler = context.getBean(RemoteDatabaseHandler.class);
					// Nobody calls the database: the refresher makes the first exchange, one interval in.
					awaitFetchAfter(handler, null);
					RemoteMetadataState first = handler.metadataState();
					assertThat(first.nextRefreshAt()).isBefore(first.tokenExpiresAt());
					awaitFetchAfter(handler, first.fetchedAt());
					assertThat(handler.metadataState().fetchedAt()).isBefore(first.tokenExpiresAt());
				});
		}
	}

	/** Waits (at most 15 s) until the handler holds metadata fetched after {@code previous} (or any). */
	private static void awaitFetchAfter(RemoteDatabaseHandler handler, Instant previous) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			Instant fetched = handler.metadataState().fetchedAt();
			if (fetched != null && (previous == null || fetched.isAfter(previous))) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No metadata exchange after " + previous + " within 15 s");
	}

	@Test
	void theRefresherStaysOffTheApplicationsScheduler() {
		this.runner.withPropertyValues("deno.kv.url=" + this.server.url(), "deno.kv.access-token=" + TOKEN)
			.withUserConfiguration(SchedulingApplication.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// The application's scheduling sees none of the library's tasks.
				assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values())
					.allSatisfy((holder) -> assertThat(holder.getScheduledTasks()).isEmpty());
				assertThat(context.getBean(DenoKvPrivateScheduling.class).scheduledTasks()).hasSize(1);
			});
	}

	@Test
	void theSqliteBackendHasNoRefresher() {
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.run((context) -> assertThat(context).doesNotHaveBean(DenoKvPrivateScheduling.class));
	}

	@Test
	void healthShowsTheMetadataButNeverATokenOrQuery() {
		this.runner
			.withPropertyValues("deno.kv.url=" + this.server.url() + "?note=" + TOKEN, "deno.kv.access-token=" + TOKEN)
			.run((context) -> {
				Health health = context.getBean("denokvHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("backend", "remote")
					.containsEntry("url", this.server.url() + "/")
					.containsEntry("status", "CONNECTED")
					.containsEntry("protocolVersion", 3)
					.containsEntry("databaseId", "00000000-0000-0000-0000-000000000000")
					.containsKey("tokenExpiresAt")
					.containsKey("endpoints");
				assertThat(health.getDetails().toString()).doesNotContain(TOKEN);
			});
	}

	@Test
	void healthIsDownWhenTheServerIsGone() {
		this.runner
			.withPropertyValues("deno.kv.url=" + this.server.url(), "deno.kv.access-token=" + TOKEN,
					"deno.kv.health.timeout=500ms", "deno.kv.remote.retry.deadline=1s")
			.run((context) -> {
				this.server.close();
				this.serverStopped = true;
				Health health = context.getBean("denokvHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("backend", "remote").containsKey("error");
				assertThat(context.getBean(DatabaseHandler.class)).isInstanceOf(RemoteDatabaseHandler.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class SchedulingApplication {

	}

}
