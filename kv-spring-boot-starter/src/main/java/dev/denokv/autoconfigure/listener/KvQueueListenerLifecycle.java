package dev.denokv.autoconfigure.listener;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.denokv.core.KvOperations;
import dev.denokv.core.KvQueueListenerOptions;
import dev.denokv.core.KvSubscription;
import dev.denokv.value.KvType;

/**
 * Ties the {@link KvQueueListener} method to the application context's lifecycle: it starts
 * listening through {@link KvOperations#listenQueue} once the context has been refreshed (the last
 * lifecycle phase, so after the web server is up) and stops before any bean is destroyed, so
 * before the database closes. The delivery itself (dispatcher, handler threads, acknowledgement,
 * graceful stop) is the core's queue listener container.
 */
public class KvQueueListenerLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KvQueueListenerLifecycle.class);

	private final KvOperations kv;

	private final Supplier<KvQueueListenerMethod> listener;

	private final KvQueueListenerOptions options;

	private final boolean autoStartup;

	private final Object lifecycleMonitor = new Object();

	private KvSubscription subscription;

	private volatile boolean running;

	/**
	 * @param listener supplies the listener method when the context starts ({@code null} when there is
	 * none; then nothing listens)
	 */
	public KvQueueListenerLifecycle(KvOperations kv, Supplier<KvQueueListenerMethod> listener,
			KvQueueListenerOptions options, boolean autoStartup) {
		this.kv = kv;
		this.listener = listener;
		this.options = options;
		this.autoStartup = autoStartup;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			KvQueueListenerMethod method = this.listener.get();
			if (method != null) {
				this.subscription = listen(method.payloadType(), method);
				logger.debug("Delivering Deno KV queue messages to {}", method);
			}
			this.running = true;
		}
	}

	private <T> KvSubscription listen(KvType<T> type, KvQueueListenerMethod method) {
		return this.kv.listenQueue(type, method::invoke, this.options);
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.subscription != null) {
				this.subscription.cancel();
				this.subscription = null;
			}
			this.running = false;
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	/** Whether messages are being taken from the queue right now. */
	public boolean isListening() {
		synchronized (this.lifecycleMonitor) {
			return this.subscription != null && this.subscription.isActive();
		}
	}

}
