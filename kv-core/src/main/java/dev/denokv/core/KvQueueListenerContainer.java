package dev.denokv.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.QueueMessage;
import dev.denokv.observation.KvOperationName;
import dev.denokv.value.KvType;

/**
 * Delivers queue messages to a {@link KvQueueHandler} on threads the container owns, Deno's
 * {@code kv.listenQueue(handler)} with a lifecycle.
 * <ul>
 * <li>One dispatcher thread takes a message only when one of the {@code concurrency} handler
 * threads is free, so at most that many messages are in flight and none waits in memory.</li>
 * <li>At-least-once: a handler that returns acknowledges the message ({@code finish(true)}); one
 * that throws, or a message that cannot be decoded, makes the backend retry it per its backoff
 * schedule ({@code finish(false)}). A message whose handler never finishes (the process died) is
 * delivered again by the backend later.</li>
 * <li>{@link #stop()} stops taking messages and waits up to the shutdown timeout for the ones in
 * flight; handlers still running then are interrupted, and their messages are given back
 * ({@link QueueMessage#release()}) to be delivered again without using up a retry.</li>
 * </ul>
 * Handlers run concurrently and must be thread-safe. Like Deno, several listeners on one database
 * share its single queue: each message goes to one of them. Thread-safe; {@link #start()} after
 * {@link #stop()}, or after the container stopped on its own, starts again.
 *
 * @param <T> the type messages are decoded to
 */
public final class KvQueueListenerContainer<T> implements KvSubscription {

	private static final Logger logger = LoggerFactory.getLogger(KvQueueListenerContainer.class);

	/** Marks the container's own handler threads, so that a stop from a handler does not wait for itself. */
	private static final ThreadLocal<KvQueueListenerContainer<?>> CURRENT = new ThreadLocal<>();

	private final KvTemplate template;

	private final KvType<T> type;

	private final KvQueueHandler<T> messageHandler;

	private final KvQueueListenerOptions options;

	private final Object lifecycleMonitor = new Object();

	/** The current run, or {@code null} before the first start and after a stop. */
	private volatile Run run;

	/** How long {@link #stop()} waits for interrupted handlers to give their messages back. */
	private static final Duration RELEASE_GRACE = Duration.ofSeconds(5);

	public KvQueueListenerContainer(KvTemplate template, Class<T> type, KvQueueHandler<T> messageHandler,
			KvQueueListenerOptions options) {
		this(template, KvType.of(type), messageHandler, options);
	}

	/** A container whose messages are decoded into a type that may be generic. */
	public KvQueueListenerContainer(KvTemplate template, KvType<T> type, KvQueueHandler<T> messageHandler,
			KvQueueListenerOptions options) {
		this.template = Objects.requireNonNull(template, "template");
		this.type = Objects.requireNonNull(type, "type");
		this.messageHandler = Objects.requireNonNull(messageHandler, "messageHandler");
		this.options = Objects.requireNonNull(options, "options");
	}

	/**
	 * Starts taking messages. Idempotent while active. After {@link #stop()}, or after the
	 * container stopped on its own (the backend has no queues, was closed, or failed with an
	 * {@link Error}; {@link #isActive()} is {@code false} then), it starts again, as a Spring
	 * {@code SmartLifecycle} is expected to: a restart first waits, as {@link #stop()} does, for
	 * the handlers of the previous run that are still finishing.
	 * @throws KvClosedException ({@code "Queue already closed"}) if the template is closed
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			Run current = this.run;
			if (current != null) {
				if (current.running) {
					return;
				}
				stopRun(current);
			}
			this.template.register(this, "Queue already closed");
			int concurrency = this.options.concurrency();
			ExecutorService pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
					new LinkedBlockingQueue<>(), new NamedThreadFactory(this.options.threadNamePrefix() + "handler-"));
			Run next = new Run(new Semaphore(concurrency), pool);
			next.dispatcher = new NamedThreadFactory(this.options.threadNamePrefix() + "dispatcher-")
				.newThread(() -> dispatch(next));
			this.run = next;
			next.dispatcher.start();
		}
	}

	/**
	 * Stops taking messages and waits up to the shutdown timeout for the messages in flight.
	 * Idempotent; returns at once when called from one of this container's handlers.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			Run current = this.run;
			if (current != null) {
				stopRun(current);
			}
		}
	}

	/** Stops {@code current} (a no-op for the parts it already ended on its own) and forgets it. */
	private void stopRun(Run current) {
		current.running = false;
		// The dispatcher may be waiting for a free handler; an extra permit wakes it, and it sees
		// running == false before it takes a message. Without it, stop() would wait out a join
		// timeout whenever every handler is busy (or one handler stops its own container).
		current.permits.release();
		Thread thread = current.dispatcher;
		boolean interrupted = false;
		try {
			if (thread != Thread.currentThread()) {
				thread.join(this.options.pollTimeout().toMillis() + 1000);
				if (thread.isAlive()) {
					thread.interrupt();
					thread.join(this.options.pollTimeout().toMillis() + 1000);
				}
			}
			current.workers.shutdown();
			if (CURRENT.get() != this && !current.workers.awaitTermination(
					this.options.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Queue handlers still running after {}; interrupting them (their messages will be "
						+ "delivered again)", this.options.shutdownTimeout());
				interruptHandlers(current);
			}
		}
		catch (InterruptedException ex) {
			interrupted = true;
			interruptHandlers(current);
		}
		finally {
			if (this.run == current) {
				this.run = null;
			}
			this.template.deregister(this);
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Interrupts the handlers still running, then waits a little for them to give their messages
	 * back: the backend may be closed right after {@link #stop()} returns, and a release that comes
	 * too late would leave the message to its lease instead.
	 */
	private void interruptHandlers(Run current) {
		current.interruptingHandlers.set(true);
		current.workers.shutdownNow();
		if (CURRENT.get() == this) {
			return; // stop() called from one of our own handlers: it cannot wait for itself
		}
		try {
			if (!current.workers.awaitTermination(RELEASE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Queue handlers ignored the interrupt for {}; their messages are delivered again "
						+ "after their lease", RELEASE_GRACE);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether messages are being taken: {@code false} before {@link #start()}, after
	 * {@link #stop()}, and once the container stopped on its own.
	 */
	@Override
	public boolean isActive() {
		Run current = this.run;
		return current != null && current.running;
	}

	@Override
	public void cancel() {
		stop();
	}

	private void dispatch(Run current) {
		try {
			takeMessages(current);
		}
		catch (Error ex) {
			// Logged here and not rethrown: the thread ends either way, and the default uncaught
			// exception handler would print it a second time, past the application's logging.
			logger.error("Queue dispatcher failed; the listener stops", ex);
		}
		finally {
			if (current.running) {
				// Ended on its own (no queues, backend closed, an Error), not by stop(): leave a
				// clean stopped state, so that isActive() says so, the handler threads go away once
				// idle, and start() can run again.
				current.running = false;
				current.workers.shutdown();
				this.template.deregister(this);
			}
		}
	}

	private void takeMessages(Run current) {
		Semaphore permits = current.permits;
		Duration pollTimeout = this.options.pollTimeout();
		while (current.running) {
			try {
				permits.acquire();
			}
			catch (InterruptedException ex) {
				return;
			}
			boolean handedOver = false;
			try {
				if (!current.running) {
					return; // woken by stop()
				}
				QueueMessage message = this.template.handler().nextQueueMessage(pollTimeout);
				if (message != null) {
					try {
						current.workers.execute(() -> handleAndRelease(message, current));
						handedOver = true;
					}
					catch (RejectedExecutionException ex) {
						// stop() shut the workers down while this take was still committing: give the
						// message back at once rather than leave it to its lease (which costs a retry).
						message.release();
						return;
					}
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (KvClosedException ex) {
				logger.debug("Queue closed; the listener stops");
				return;
			}
			catch (UnsupportedOperationException ex) {
				// Expected on every start with a backend without queues (KV Connect): one line, no stack trace.
				logger.warn("The {} backend cannot deliver queue messages; the listener stops ({})",
						this.template.handler().backendName(), ex.getMessage());
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to receive a queue message; retrying in {}", pollTimeout, ex);
				if (!sleep(pollTimeout)) {
					return;
				}
			}
			finally {
				if (!handedOver) {
					permits.release();
				}
			}
		}
	}

	private void handleAndRelease(QueueMessage message, Run current) {
		CURRENT.set(this);
		try {
			this.template.observer().observe(KvOperationName.QUEUE_MESSAGE, (context) -> {
				handle(message, current.interruptingHandlers);
				return null;
			});
		}
		catch (HandlerFailedException ex) {
			// Logged and recorded on the observation already.
		}
		finally {
			CURRENT.remove();
			current.permits.release();
		}
	}

	/**
	 * Runs the handler and ends the delivery: {@code finish(true)} when it returns,
	 * {@code finish(false)} when it fails, and {@code release()} when it fails because
	 * {@link #stop()} interrupted it, so that a message on its last attempt is not dead-lettered
	 * for a shutdown.
	 */
	private void handle(QueueMessage message, AtomicBoolean interrupting) {
		boolean success = false;
		boolean abandoned = false;
		try {
			T value = this.template.valueCodec().decodeQueuePayload(message.payload(), this.type);
			this.messageHandler.handle(value);
			success = true;
		}
		catch (Throwable ex) {
			abandoned = interrupting.get();
			if (abandoned) {
				logger.debug("Queue handler interrupted at shutdown; its message is given back", ex);
			}
			else {
				logger.error("Exception in queue handler", ex);
			}
			throw new HandlerFailedException(ex);
		}
		finally {
			try {
				if (abandoned) {
					message.release();
				}
				else {
					message.finish(success);
				}
			}
			catch (RuntimeException ex) {
				// The backend delivers the message again later; nothing else can be done here.
				logger.debug("Failed to finish a queue message", ex);
			}
		}
	}

	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "KvQueueListenerContainer[type=" + this.type.type().getTypeName() + ", active=" + isActive() + "]";
	}

	/**
	 * One start-to-stop run: its own dispatcher, handler pool and permits, so that a run that is
	 * still winding down never touches the state of the next one.
	 */
	private static final class Run {

		final Semaphore permits;

		final ExecutorService workers;

		/** Set by {@code stopRun} just before it interrupts the handlers. */
		final AtomicBoolean interruptingHandlers = new AtomicBoolean();

		/** Cleared by {@code stopRun} or by the dispatcher when it ends on its own. */
		volatile boolean running = true;

		Thread dispatcher;

		Run(Semaphore permits, ExecutorService workers) {
			this.permits = permits;
			this.workers = workers;
		}

	}

	/** Carries a handler's failure out of the observation, which records it. */
	private static final class HandlerFailedException extends RuntimeException {

		HandlerFailedException(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
