package dev.denokv.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import dev.denokv.handler.DatabaseHandler;

/**
 * A standalone KV Connect server: a {@link KvConnectServlet} in an embedded Tomcat that speaks
 * HTTP/1.1 (for {@code @deno/kv} on Node), HTTP/2 with prior knowledge over cleartext (h2c, the
 * only way Deno talks to an {@code http://} KV Connect URL) and, with a keystore, h2 and HTTP/1.1
 * over TLS (ALPN). Start one with {@link #builder}; {@link #close()} stops it, but leaves the
 * handler open for its owner to close. Thread-safe.
 */
public final class KvConnectServer implements AutoCloseable {

	private final Tomcat tomcat;

	private final Connector connector;

	private final KvConnectServlet servlet;

	private final Path baseDir;

	private final String host;

	private final String pathPrefix;

	private final boolean tls;

	/** Guarded by {@code this}. */
	private boolean closed;

	private KvConnectServer(Tomcat tomcat, Connector connector, KvConnectServlet servlet, Path baseDir, String host,
			String pathPrefix, boolean tls) {
		this.tomcat = tomcat;
		this.connector = connector;
		this.servlet = servlet;
		this.baseDir = baseDir;
		this.host = host;
		this.pathPrefix = pathPrefix;
		this.tls = tls;
	}

	public static Builder builder(DatabaseHandler handler, KvConnectServerOptions options) {
		return new Builder(handler, options);
	}

	/** The bound port (the real one when 0 was asked for). */
	public int port() {
		return this.connector.getLocalPort();
	}

	/** The URL clients open, e.g. {@code http://127.0.0.1:4512} (plus the path prefix, if any). */
	public URI url() {
		String h = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		return URI.create((this.tls ? "https" : "http") + "://" + h + ":" + port() + this.pathPrefix);
	}

	/**
	 * Stops serving and deletes Tomcat's temporary folder. Idempotent: a second call (a try-with-
	 * resources block and a shutdown hook, say) returns once the first has finished.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			// Watches first: a watch never ends by itself, so Tomcat would wait out its unload delay
			// for it. (A stream stuck writing to a client that stopped reading still keeps its
			// thread until Tomcat's write timeout; see WatchStreaming.close().)
			this.servlet.closeWatches();
			this.tomcat.stop();
			this.tomcat.destroy();
		}
		catch (LifecycleException ex) {
			throw new IllegalStateException("Failed to stop the KV Connect server", ex);
		}
		finally {
			deleteRecursively(this.baseDir);
		}
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temp folder is harmless.
		}
	}

	/** Settings of the listening side; the protocol side is in {@link KvConnectServerOptions}. */
	public static final class Builder {

		private final DatabaseHandler handler;

		private final KvConnectServerOptions options;

		private String host = "0.0.0.0";

		private int port = 4512;

		private String pathPrefix = "";

		private Path keystore;

		private String keystorePassword;

		private String keystoreType = "PKCS12";

		private Builder(DatabaseHandler handler, KvConnectServerOptions options) {
			this.handler = Objects.requireNonNull(handler, "handler");
			this.options = Objects.requireNonNull(options, "options");
		}

		/** The address to bind; default {@code 0.0.0.0}. */
		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/** The port; default 4512 (denokv's), 0 for any free port. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** Serves below this path (e.g. {@code /kv}); default the root. */
		public Builder pathPrefix(String pathPrefix) {
			String p = (pathPrefix == null) ? "" : pathPrefix.replaceAll("/+$", "");
			if (!p.isEmpty() && !p.startsWith("/")) {
				throw new IllegalArgumentException("pathPrefix must start with '/': " + pathPrefix);
			}
			this.pathPrefix = p;
			return this;
		}

		/** Serves TLS (h2 and HTTP/1.1 by ALPN) with the certificate in this keystore. */
		public Builder tls(Path keystore, String password, String type) {
			this.keystore = keystore;
			this.keystorePassword = password;
			this.keystoreType = (type != null) ? type : "PKCS12";
			return this;
		}

		/**
		 * Binds and starts serving.
		 * @throws IllegalStateException if the port cannot be bound or Tomcat fails to start
		 */
		public KvConnectServer start() {
			Path baseDir;
			try {
				baseDir = Files.createTempDirectory("kv-connect-tomcat");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Tomcat tomcat = new Tomcat();
			tomcat.setBaseDir(baseDir.toString());
			Connector connector = connector();
			tomcat.getService().addConnector(connector);
			tomcat.setConnector(connector);
			Context context = tomcat.addContext("", baseDir.toString());
			if (context instanceof StandardContext standard) {
				// No web application is deployed here, so there is nothing for leak detection to find.
				standard.setClearReferencesRmiTargets(false);
				standard.setClearReferencesThreadLocals(false);
			}
			KvConnectServlet servlet = new KvConnectServlet(this.handler, this.options);
			Wrapper wrapper = Tomcat.addServlet(context, "kvConnect", servlet);
			wrapper.setAsyncSupported(true);
			context.addServletMappingDecoded(this.pathPrefix + "/*", "kvConnect");
			try {
				tomcat.start();
			}
			catch (LifecycleException ex) {
				deleteRecursively(baseDir);
				throw new IllegalStateException("Failed to start the KV Connect server", ex);
			}
			if (connector.getState() != LifecycleState.STARTED) {
				stopQuietly(tomcat);
				deleteRecursively(baseDir);
				throw new IllegalStateException("Failed to listen on " + this.host + ":" + this.port
						+ " (address in use or not available?)");
			}
			return new KvConnectServer(tomcat, connector, servlet, baseDir, this.host, this.pathPrefix,
					this.keystore != null);
		}

		private Connector connector() {
			Connector connector = new Connector(Http11NioProtocol.class.getName());
			connector.setPort(this.port);
			connector.setProperty("address", this.host);
			// Keep HTTP/1.1 connections for as many requests as clients like (Node reuses them).
			connector.setProperty("maxKeepAliveRequests", "-1");
			// h2c by prior knowledge and by Upgrade on cleartext; h2 by ALPN with TLS.
			connector.addUpgradeProtocol(http2());
			if (this.keystore != null) {
				connector.setScheme("https");
				connector.setSecure(true);
				connector.setProperty("SSLEnabled", "true");
				SSLHostConfig ssl = new SSLHostConfig();
				SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl,
						SSLHostConfigCertificate.Type.UNDEFINED);
				certificate.setCertificateKeystoreFile(this.keystore.toAbsolutePath().toString());
				certificate.setCertificateKeystorePassword(this.keystorePassword);
				certificate.setCertificateKeystoreType(this.keystoreType);
				ssl.addCertificate(certificate);
				connector.addSslHostConfig(ssl);
			}
			return connector;
		}

		/** HTTP/2 with the settings Deno's one connection per database needs. */
		private Http2Protocol http2() {
			Http2Protocol http2 = new Http2Protocol();
			KvConnectHttp2Tuning.apply(http2, this.options);
			return http2;
		}

		private static void stopQuietly(Tomcat tomcat) {
			try {
				tomcat.stop();
				tomcat.destroy();
			}
			catch (LifecycleException ex) {
				// Already failing; the caller reports the original problem.
			}
		}

	}

}
