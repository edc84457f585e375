package dev.denokv.autoconfigure.listener;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.value.KvValueCodec;

/**
 * Delivers the database's queue messages to the {@link KvQueueListener} method, like Deno's
 * {@code listenQueue}: one thread takes due messages from the {@link DatabaseHandler} and a pool of
 * {@code concurrency} threads runs the listener, so slow handlers do not hold up the queue.
 * <p>
 * It starts with the context (a {@link SmartLifecycle} in the last phase, so after the web server)
 * and stops before any bean is destroyed, which is before the handler closes. Stopping takes no new
 * message, waits up to {@code shutdownTimeout} for the ones in flight, then interrupts the rest and
 * leaves them unacknowledged: the backend redelivers them later (at-least-once), none is lost. The
 * threads are this container's own; the application's executors and schedulers are not used.
 */
public class KvQueueListenerContainer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(KvQueueListenerContainer.class);

	/** How long the poller waits per call, which bounds how quickly it notices a stop. */
	private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

	/** Pause after an unexpected backend error, so a broken database is not polled in a tight loop. */
	private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

	private final DatabaseHandler handler;

	private final KvValueCodec codec;

	private final Supplier<KvQueueListenerMethod> listener;

	private final int concurrency;

	private final Duration shutdownTimeout;

	private final boolean autoStartup;

	private final Object lifecycleMonitor = new Object();

	private volatile boolean running;

	/** Set when stop gives up waiting: failures of interrupted handlers are then not acknowledged. */
	private volatile boolean abandoning;

	private Thread poller;

	private ExecutorService workers;

	/**
	 * @param listener supplies the listener method when the container starts ({@code null}: none, the
	 * container then does nothing)
	 */
	public KvQueueListenerContainer(DatabaseHandler handler, KvValueCodec codec, Supplier<KvQueueListenerMethod> listener,
			int concurrency, Duration shutdownTimeout, boolean autoStartup) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("deno.kv.listener.concurrency must be at least 1, was " + concurrency);
		}
		this.handler = handler;
		this.codec = codec;
		this.listener = listener;
		this.concurrency = concurrency;
		this.shutdownTimeout = shutdownTimeout;
		this.autoStartup = autoStartup;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.running) {
				return;
			}
			KvQueueListenerMethod method = this.listener.get();
			this.running = true;
			this.abandoning = false;
			if (method == null) {
				return;
			}
			Semaphore permits = new Semaphore(this.concurrency);
			this.workers = Executors.newFixedThreadPool(this.concurrency, threads("denokv-queue-listener-"));
			this.poller = threads("denokv-queue-poller-").newThread(() -> poll(method, permits, this.workers));
			this.poller.start();
			logger.debug("Started delivering Deno KV queue messages to {} ({} at a time)", method, this.concurrency);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.poller == null) {
				return;
			}
			try {
				joinPoller();
				this.workers.shutdown();
				if (!this.workers.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
					this.abandoning = true;
					logger.warn("Deno KV queue messages still in flight after {}; they are left unacknowledged and "
							+ "will be redelivered", this.shutdownTimeout);
					this.workers.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.abandoning = true;
				this.workers.shutdownNow();
			}
			finally {
				this.poller = null;
				this.workers = null;
			}
		}
	}

	private void joinPoller() throws InterruptedException {
		this.poller.join(POLL_TIMEOUT.toMillis() * 4);
		if (this.poller.isAlive()) {
			// The backend did not honour the poll timeout; waking the thread is all that is left.
			this.poller.interrupt();
			this.poller.join(POLL_TIMEOUT.toMillis() * 4);
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

	private void poll(KvQueueListenerMethod method, Semaphore permits, ExecutorService workers) {
		while (this.running) {
			try {
				permits.acquire();
			}
			catch (InterruptedException ex) {
				return;
			}
			QueueMessage message = null;
			try {
				message = nextMessage();
			}
			finally {
				if (message == null) {
					permits.release();
				}
			}
			if (message == QUIT) {
				return;
			}
			if (message != null) {
				QueueMessage taken = message;
				workers.execute(() -> deliver(method, taken, permits));
			}
		}
	}

	/** Marker for "stop polling", distinct from {@code null} (nothing due yet). */
	private static final QueueMessage QUIT = new QueueMessage() {

		@Override
		public byte[] payload() {
			return new byte[0];
		}

		@Override
		public void finish(boolean success) {
		}

	};

	private QueueMessage nextMessage() {
		try {
			return this.handler.nextQueueMessage(POLL_TIMEOUT);
		}
		catch (InterruptedException | KvClosedException ex) {
			return QUIT;
		}
		catch (UnsupportedOperationException ex) {
			logger.warn("The Deno KV {} backend cannot deliver queue messages, so the @KvQueueListener method is never "
					+ "called: {}", this.handler.backendName(), ex.getMessage());
			return QUIT;
		}
		catch (RuntimeException ex) {
			logger.error("Could not take the next Deno KV queue message; trying again in {}", ERROR_PAUSE, ex);
			try {
				Thread.sleep(ERROR_PAUSE.toMillis());
				return null;
			}
			catch (InterruptedException interrupted) {
				return QUIT;
			}
		}
	}

	private void deliver(KvQueueListenerMethod method, QueueMessage message, Semaphore permits) {
		boolean success = false;
		try {
			Object payload = this.codec.decodeQueuePayload(message.payload(), method.payloadType());
			method.invoke(payload);
			success = true;
		}
		catch (Throwable ex) {
			if (!this.abandoning) {
				logger.error("Exception in queue handler {}", method, ex);
			}
		}
		finally {
			acknowledge(message, success);
			permits.release();
		}
	}

	private void acknowledge(QueueMessage message, boolean success) {
		if (!success && this.abandoning) {
			// Interrupted by shutdown: not a real failure, so it must not use up a retry. Unfinished, the
			// message is redelivered after its deadline.
			return;
		}
		try {
			message.finish(success);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not acknowledge a Deno KV queue message; it will be redelivered", ex);
		}
	}

	private static CustomizableThreadFactory threads(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

}
