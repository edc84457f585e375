package dev.denokv.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.QueueMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle of {@link KvQueueListenerContainer} when its dispatcher ends on its own, on a
 * backend whose {@code nextQueueMessage} does what each test scripts.
 */
class KvQueueListenerContainerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ScriptedHandler handler = new ScriptedHandler();

	private final KvTemplate kv = KvTemplate.builder(this.handler).build();

	private final KvQueueListenerOptions options = KvQueueListenerOptions.defaults()
		.withPollTimeout(Duration.ofMillis(100))
		.withThreadNamePrefix("container-test-");

	@Test
	void aBackendWithoutQueuesLeavesAStoppedContainerThatStartsAgain() throws Exception {
		assertEndsOnItsOwnAndRestarts(() -> new UnsupportedOperationException("no queues here"));
	}

	@Test
	void aClosedBackendLeavesAStoppedContainerThatStartsAgain() throws Exception {
		assertEndsOnItsOwnAndRestarts(() -> new KvClosedException("Queue already closed"));
	}

	@Test
	void anErrorFromTheBackendLeavesAStoppedContainer() throws Exception {
		assertEndsOnItsOwnAndRestarts(() -> new StackOverflowError("thrown on purpose by the test"));
	}

	private void assertEndsOnItsOwnAndRestarts(Supplier<Throwable> failure) throws Exception {
		this.handler.failure = failure;
		KvQueueListenerContainer<String> container = new KvQueueListenerContainer<>(this.kv, String.class,
				(message) -> {
				}, this.options);
		container.start();
		await(() -> !container.isActive());
		await(() -> !dispatcherAlive());
		assertThat(this.handler.polls.get()).isEqualTo(1);
		// Not the silent no-op it was: the next start runs again (and ends again, for the same reason).
		container.start();
		await(() -> this.handler.polls.get() == 2);
		await(() -> !container.isActive());
		container.stop();
		assertThat(container.isActive()).isFalse();
		// A working backend after that: the container delivers again.
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		KvQueueListenerContainer<String> working = new KvQueueListenerContainer<>(this.kv, String.class,
				received::add, this.options);
		this.handler.failure = null;
		working.start();
		try {
			assertThat(working.isActive()).isTrue();
		}
		finally {
			working.stop();
		}
		assertThat(working.isActive()).isFalse();
		await(() -> !dispatcherAlive());
	}

	private static boolean dispatcherAlive() {
		return Thread.getAllStackTraces().keySet().stream()
			.anyMatch((thread) -> thread.getName().startsWith("container-test-dispatcher-"));
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within " + TIMEOUT).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/** Fails every take with {@link #failure}, or waits out the poll timeout when there is none. */
	private static final class ScriptedHandler extends UnsupportedDatabaseHandler {

		volatile Supplier<Throwable> failure;

		final AtomicInteger polls = new AtomicInteger();

		@Override
		public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
			Supplier<Throwable> f = this.failure;
			if (f == null) {
				TimeUnit.MILLISECONDS.sleep(timeout.toMillis());
				return null;
			}
			this.polls.incrementAndGet();
			Throwable t = f.get();
			if (t instanceof RuntimeException ex) {
				throw ex;
			}
			throw (Error) t;
		}

		@Override
		public String backendName() {
			return "scripted";
		}

	}

}
