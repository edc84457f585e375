package dev.denokv.autoconfigure.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServlet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.core.KvOperations;
import dev.denokv.core.KvTemplate;
import dev.denokv.key.KvKey;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteOptions;
import dev.denokv.value.JacksonKvValueCodec;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-app KV Connect server, in a real embedded Tomcat on a random port. */
class DenoKvServerAutoConfigurationTests {

	private static final String TOKEN = "server-test-token-0123";

	private final WebApplicationContextRunner web = new WebApplicationContextRunner(
			AnnotationConfigServletWebServerApplicationContext::new)
		.withConfiguration(AutoConfigurations.of(TomcatServletWebServerAutoConfiguration.class,
				DenoKvAutoConfiguration.class, DenoKvServerAutoConfiguration.class))
		.withPropertyValues("server.port=0", "server.address=127.0.0.1");

	@TempDir
	Path dir;

	@Test
	void servesTheApplicationsDatabaseOverKvConnect() {
		this.web
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("app.sqlite3"), "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> {
				assertThat(context).hasBean("denoKvServletRegistration");
				context.getBean(KvOperations.class).set(KvKey.of("written", "by"), "the app");
				// A KV Connect client (the one Deno's protocol is tested with) reads what the app wrote.
				try (KvTemplate client = new KvTemplate(
						RemoteDatabaseHandler.create(url(context, "/kv"), TOKEN, RemoteOptions.defaults()),
						new JacksonKvValueCodec())) {
					assertThat(client.get(KvKey.of("written", "by"), String.class).value()).isEqualTo("the app");
					client.set(KvKey.of("written", "by"), "a client");
				}
				assertThat(context.getBean(KvOperations.class).get(KvKey.of("written", "by"), String.class).value())
					.isEqualTo("a client");
			});
	}

	@Test
	void anOpenWatchDoesNotHoldUpTheGracefulShutdown() {
		this.web
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("watched.sqlite3"), "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN, "server.shutdown=graceful",
					"spring.lifecycle.timeout-per-shutdown-phase=20s")
			.run((context) -> {
				try (KvTemplate client = client(context)) {
					var watch = watchUntilFirstSnapshot(client, 10);
					long start = System.nanoTime();
					context.getSourceApplicationContext().close();
					// Without ending the watches first, Tomcat's graceful phase waits out its 20 s timeout.
					assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
					watch.cancel();
				}
			});
	}

	@Test
	void watchesWorkAgainAfterTheContextIsStoppedAndStarted() {
		this.web
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("restarted.sqlite3"), "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> {
				context.getSourceApplicationContext().stop();
				context.getSourceApplicationContext().start();
				try (KvTemplate client = client(context)) {
					watchUntilFirstSnapshot(client, 8).cancel();
				}
			});
	}

	@Test
	void anApplicationBeanNamedLikeTheRegistrationOfAnotherTypeIsFine() {
		// The documented way to replace (or switch off) the registration; the shutdown step must not need it.
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true", "deno.kv.server.access-token=" + TOKEN)
			.withBean("denoKvServletRegistration", org.springframework.boot.web.servlet.ServletContextInitializer.class,
					() -> (servletContext) -> {
					})
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theApplicationsHttp2ConnectorGetsTheSettingsDenosOneConnectionNeeds() {
		this.web
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("h2.sqlite3"), "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN, "server.http2.enabled=true",
					"deno.kv.server.max-concurrent-watches=300")
			.run((context) -> {
				var webServer = (org.springframework.boot.tomcat.TomcatWebServer) ((ServletWebServerApplicationContext) context
					.getSourceApplicationContext()).getWebServer();
				var http2 = java.util.Arrays.stream(webServer.getTomcat().getConnector().findUpgradeProtocols())
					.filter(org.apache.coyote.http2.Http2Protocol.class::isInstance)
					.map(org.apache.coyote.http2.Http2Protocol.class::cast)
					.findFirst()
					.orElseThrow();
				// Tomcat's defaults: 100 streams (100 watches blocked every other call of a Deno
				// program) and 50 per reset (a few watch cancels dropped Deno's connection).
				assertThat(http2.getMaxConcurrentStreams()).isEqualTo(400);
				assertThat(http2.getOverheadResetFactor()).isEqualTo(30);
			});
	}

	@Test
	void theServedHandlerTakesWhatDenokvAcceptsWhileTheApplicationKeepsDenosLimits() {
		this.web
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("limits.sqlite3"), "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> {
				assertThat(context.getBean(dev.denokv.sqlite.SqliteDatabaseHandler.class).options().limits())
					.isEqualTo(dev.denokv.core.KvLimits.kvConnectBackend());
				// Six backoff intervals: denokv takes up to 10, Deno 5.
				var sixIntervals = dev.denokv.core.KvEnqueueOptions.defaults()
					.backoffSchedule(java.util.Collections.nCopies(6, java.time.Duration.ofMillis(10)));
				org.assertj.core.api.Assertions
					.assertThatThrownBy(() -> context.getBean(KvOperations.class).enqueue("m", sixIntervals))
					.hasMessage("Invalid backoffSchedule, max 5 intervals allowed");
			});
	}

	@Test
	void aWrongTokenGets401() {
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true", "deno.kv.server.path=/db/",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> {
				HttpResponse<String> response = metadataExchange(context, "/db", "wrong-token-000000");
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.body()).isEqualTo("Invalid access token.");
			});
	}

	@Test
	void serverTuningIsAnnouncedInTheMetadata() {
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN,
					"deno.kv.server.database-id=1b4e28ba-2fa1-11d2-883f-0016d3cca427",
					"deno.kv.server.endpoint-url=https://kv.example.com/public/kv/v2")
			.run((context) -> {
				HttpResponse<String> response = metadataExchange(context, "/kv", TOKEN);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"databaseId\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"")
					.contains("\"url\":\"https://kv.example.com/public/kv/v2\"");
			});
	}

	@Test
	void theTokenFallsBackToDenosEnvironmentVariable() {
		this.web.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true", "DENO_KV_ACCESS_TOKEN=" + TOKEN)
			.run((context) -> assertThat(context).hasNotFailed().hasBean("denoKvServletRegistration"));
	}

	@Test
	void isOffByDefault() {
		this.web.withPropertyValues("deno.kv.url=:memory:")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("denoKvServletRegistration"));
	}

	@Test
	void needsAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class, DenoKvServerAutoConfiguration.class))
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServletRegistrationBean.class));
	}

	@Test
	void aMissingOrShortTokenFailsTheStartup() {
		this.web.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true", "DENO_KV_ACCESS_TOKEN=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("deno.kv.server.access-token"));
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=short")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Access token must be at minimum 12 chars long."));
	}

	@Test
	void theRootPathIsRefused() {
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true", "deno.kv.server.path=/",
					"deno.kv.server.access-token=" + TOKEN)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must not be the root path"));
	}

	@Test
	void theApplicationsRegistrationWins() {
		ServletRegistrationBean<?> own = new ServletRegistrationBean<>(new HttpServlet() {
		}, "/own/*");
		this.web
			.withPropertyValues("deno.kv.url=:memory:", "deno.kv.server.enabled=true",
					"deno.kv.server.access-token=" + TOKEN)
			.withBean("denoKvServletRegistration", ServletRegistrationBean.class, () -> own)
			.run((context) -> assertThat(context.getBean("denoKvServletRegistration")).isSameAs(own));
	}

	@Test
	void mappingNormalisesThePath() {
		assertThat(DenoKvServerSettings.mapping("/kv")).isEqualTo("/kv/*");
		assertThat(DenoKvServerSettings.mapping("kv/")).isEqualTo("/kv/*");
		assertThat(DenoKvServerSettings.mapping(" /a/b// ")).isEqualTo("/a/b/*");
	}

	private static HttpResponse<String> metadataExchange(AssertableWebApplicationContext context, String path,
			String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url(context, path))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[1,2,3]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A KV Connect client of the app's server at {@code /kv}. */
	private static KvTemplate client(AssertableWebApplicationContext context) {
		return new KvTemplate(RemoteDatabaseHandler.create(url(context, "/kv"), TOKEN, RemoteOptions.defaults()),
				new JacksonKvValueCodec());
	}

	/** Watches one key and waits (at most {@code seconds}) for the first snapshot. */
	private static dev.denokv.core.KvSubscription watchUntilFirstSnapshot(KvTemplate client, int seconds)
			throws InterruptedException {
		java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
		var watch = client.watch(java.util.List.of(KvKey.of("k")), String.class, (entries) -> watching.countDown());
		assertThat(watching.await(seconds, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		return watch;
	}

	private static URI url(AssertableWebApplicationContext context, String path) {
		int port = ((ServletWebServerApplicationContext) context.getSourceApplicationContext()).getWebServer().getPort();
		return URI.create("http://127.0.0.1:" + port + path);
	}

}
