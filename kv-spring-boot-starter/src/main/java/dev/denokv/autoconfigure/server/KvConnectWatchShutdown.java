package dev.denokv.autoconfigure.server;

import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;

import dev.denokv.server.KvConnectServlet;

/**
 * Ends the open watches of every registered {@link KvConnectServlet} when the context stops,
 * before the web server's graceful shutdown (a later phase) waits for open requests: a watch never
 * ends by itself, so the shutdown would otherwise sit out its whole timeout (30 s by default) for
 * every client watching. A context started again takes watches again.
 */
final class KvConnectWatchShutdown implements SmartLifecycle {

	private final ObjectProvider<ServletRegistrationBean<?>> registrations;

	private volatile boolean running;

	KvConnectWatchShutdown(ObjectProvider<ServletRegistrationBean<?>> registrations) {
		this.registrations = registrations;
	}

	@Override
	public void start() {
		forEachServlet(KvConnectServlet::resumeWatches);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		forEachServlet(KvConnectServlet::endWatches);
	}

	private void forEachServlet(Consumer<KvConnectServlet> action) {
		this.registrations.forEach((registration) -> {
			if (registration.getServlet() instanceof KvConnectServlet servlet) {
				action.accept(servlet);
			}
		});
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
