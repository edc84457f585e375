package dev.denokv.autoconfigure.server;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;

import dev.denokv.server.KvConnectServlet;

/**
 * Ends the KV Connect server's open watches when the context stops, before the web server's
 * graceful shutdown (a later phase) waits for open requests: a watch never ends by itself, so the
 * shutdown would otherwise sit out its whole timeout (30 s by default) for every client watching.
 */
final class KvConnectWatchShutdown implements SmartLifecycle {

	private final ServletRegistrationBean<?> registration;

	private volatile boolean running;

	KvConnectWatchShutdown(ServletRegistrationBean<?> registration) {
		this.registration = registration;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.registration.getServlet() instanceof KvConnectServlet servlet) {
			servlet.endWatches();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** {@link SmartLifecycle#DEFAULT_PHASE}: stopped before the web server's graceful shutdown phase. */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
