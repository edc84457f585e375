package dev.denokv.autoconfigure.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.autoconfigure.DenoKvProperties;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.server.KvConnectHttp2Tuning;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.server.KvConnectServlet;

/**
 * Serves the application's database over KV Connect when {@code deno.kv.server.enabled=true}: a
 * {@link KvConnectServlet} over the application's {@link DatabaseHandler}, registered in the
 * application's own web server at {@code deno.kv.server.path}. Deno then opens it with
 * {@code Deno.openKv("http://host:port/kv")} and {@code DENO_KV_ACCESS_TOKEN}; since Deno speaks
 * only HTTP/2 to KV Connect servers, the application needs {@code server.http2.enabled=true}.
 * Enqueues sent by clients reach the application's {@code @KvQueueListener}.
 */
@AutoConfiguration(after = DenoKvAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "dev.denokv.server.KvConnectServlet")
@ConditionalOnBooleanProperty("deno.kv.server.enabled")
@ConditionalOnSingleCandidate(DatabaseHandler.class)
public final class DenoKvServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "denoKvServletRegistration")
	ServletRegistrationBean<KvConnectServlet> denoKvServletRegistration(DatabaseHandler handler,
			DenoKvProperties properties, Environment environment) {
		DenoKvServerSettings settings = DenoKvServerSettings.of(properties.server(), environment);
		ServletRegistrationBean<KvConnectServlet> registration = new ServletRegistrationBean<>(
				new KvConnectServlet(handler, settings.options()), settings.mapping());
		registration.setName("denoKvConnect");
		registration.setAsyncSupported(true);
		registration.setLoadOnStartup(1);
		return registration;
	}

	/**
	 * The application's Tomcat serves the KV Connect servlet: its HTTP/2 connector gets the
	 * settings Deno's one connection per database needs (see {@link KvConnectHttp2Tuning}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.tomcat.TomcatConnectorCustomizer",
			"org.apache.coyote.http2.Http2Protocol" })
	static final class TomcatHttp2Configuration {

		@Bean
		TomcatConnectorCustomizer denoKvConnectHttp2Tuning(DenoKvProperties properties, Environment environment) {
			KvConnectServerOptions options = DenoKvServerSettings.of(properties.server(), environment).options();
			return (connector) -> KvConnectHttp2Tuning.apply(connector, options);
		}

	}

	/** Every KV Connect servlet registration, the application's own included, whatever its name. */
	@Bean
	KvConnectWatchShutdown denoKvConnectWatchShutdown(ObjectProvider<ServletRegistrationBean<?>> registrations) {
		return new KvConnectWatchShutdown(registrations);
	}

}
