package dev.denokv.autoconfigure.listener;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.core.KvOperations;

import static org.assertj.core.api.Assertions.assertThat;

/** @KvQueueListener methods on a real SQLite queue: start, stop, restart, shutdown with messages in flight. */
class DenoKvQueueListenerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class,
				DenoKvQueueListenerAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void deliversMessagesToTheAnnotatedMethodOnceTheContextIsRefreshed() {
		assertDelivers(this.runner.withPropertyValues("deno.kv.url=" + this.dir.resolve("q.sqlite3")));
	}

	@Test
	void listensWithLazyInitializationToo() {
		// Lazy, nothing would create the listener bean, and the queue would silently go unread.
		assertDelivers(this.runner.withPropertyValues("deno.kv.url=" + this.dir.resolve("lazy.sqlite3"))
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor())));
	}

	/** With a {@link Recorder} bean, the context listens and a message enqueued reaches it. */
	private static void assertDelivers(ApplicationContextRunner runner) {
		runner.withBean(Recorder.class).run((context) -> {
			assertThat(context.getBean(KvQueueListenerLifecycle.class).isListening()).isTrue();
			context.getBean(KvOperations.class).enqueue("hello");
			assertThat(context.getBean(Recorder.class).received.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
		});
	}

	@Test
	void stopsWithTheContextAndResumesWithTheNextOne() throws Exception {
		String url = "deno.kv.url=" + this.dir.resolve("restart.sqlite3");
		this.runner.withPropertyValues(url).withBean(Recorder.class).run((context) -> {
			KvQueueListenerLifecycle lifecycle = context.getBean(KvQueueListenerLifecycle.class);
			context.stop();
			assertThat(lifecycle.isRunning()).isFalse();
			assertThat(lifecycle.isListening()).isFalse();
			// Enqueued while nobody listens: it waits in the file.
			context.getBean(KvOperations.class).enqueue("while stopped");
			assertThat(context.getBean(Recorder.class).received.poll(500, TimeUnit.MILLISECONDS)).isNull();
		});
		this.runner.withPropertyValues(url)
			.withBean(Recorder.class)
			.run((context) -> assertThat(context.getBean(Recorder.class).received.poll(10, TimeUnit.SECONDS))
				.isEqualTo("while stopped"));
	}

	@Test
	void withoutAListenerNothingListens() {
		this.runner.withPropertyValues("deno.kv.url=:memory:").run((context) -> {
			KvQueueListenerLifecycle lifecycle = context.getBean(KvQueueListenerLifecycle.class);
			assertThat(lifecycle.isRunning()).isTrue();
			assertThat(lifecycle.isListening()).isFalse();
		});
	}

	@Test
	void autoStartupCanBeTurnedOff() {
		this.runner.withPropertyValues("deno.kv.url=:memory:", "deno.kv.listener.auto-startup=false")
			.withBean(Recorder.class)
			.run((context) -> {
				KvQueueListenerLifecycle lifecycle = context.getBean(KvQueueListenerLifecycle.class);
				assertThat(lifecycle.isListening()).isFalse();
				lifecycle.start();
				assertThat(lifecycle.isListening()).isTrue();
			});
	}

	@Test
	void aSecondListenerMethodFailsTheStartup() {
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean(Recorder.class)
			.withBean(OtherListener.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("more than one @KvQueueListener")
				.hasMessageContaining("single queue"));
	}

	@Test
	void aListenerMethodMustTakeOneParameter() {
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean(NoParameter.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must take exactly one parameter"));
	}

	@Test
	void shutdownLetsAMessageInFlightFinish() {
		String url = "deno.kv.url=" + this.dir.resolve("graceful.sqlite3");
		this.runner.withPropertyValues(url, "deno.kv.listener.shutdown-timeout=10s")
			.withBean(SlowListener.class)
			.run((context) -> {
				context.getBean(KvOperations.class).enqueue("slow");
				SlowListener listener = context.getBean(SlowListener.class);
				assertThat(listener.started.await(10, TimeUnit.SECONDS)).isTrue();
				listener.release.countDown();
				// The context closes now, while the handler may still be finishing.
			});
		// Acknowledged before the database closed: not delivered again.
		this.runner.withPropertyValues(url)
			.withBean(Recorder.class)
			.run((context) -> assertThat(context.getBean(Recorder.class).received.poll(1, TimeUnit.SECONDS)).isNull());
	}

	@Test
	void aMessageStillRunningAtTheShutdownTimeoutIsDeliveredAgainLater() {
		String url = "deno.kv.url=" + this.dir.resolve("abandoned.sqlite3");
		AtomicBoolean interrupted = new AtomicBoolean();
		this.runner.withPropertyValues(url, "deno.kv.listener.shutdown-timeout=200ms")
			.withBean(SlowListener.class, () -> new SlowListener(interrupted))
			.run((context) -> {
				context.getBean(KvOperations.class).enqueue("never finishes");
				assertThat(context.getBean(SlowListener.class).started.await(10, TimeUnit.SECONDS)).isTrue();
			});
		assertThat(interrupted).isTrue();
		this.runner.withPropertyValues(url)
			.withBean(Recorder.class)
			.run((context) -> assertThat(context.getBean(Recorder.class).received.poll(15, TimeUnit.SECONDS))
				.isEqualTo("never finishes"));
	}

	@Test
	void aGenericParameterTypeIsDecodedWithItsTypeArguments() {
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean(LineRecorder.class)
			.run((context) -> {
				context.getBean(KvOperations.class).enqueue(List.of(new Line("apples", 3)));
				assertThat(context.getBean(LineRecorder.class).received.poll(10, TimeUnit.SECONDS))
					.containsExactly(new Line("apples", 3));
			});
	}

	@Test
	void aTypeVariableParameterResolvedByTheBeanClassIsDecodedIntoTheResolvedType() {
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean(LineListener.class)
			.run((context) -> {
				context.getBean(KvOperations.class).enqueue(new Line("pears", 2));
				assertThat(context.getBean(LineListener.class).received.poll(10, TimeUnit.SECONDS))
					.isEqualTo(new Line("pears", 2));
			});
	}

	record Line(String item, int quantity) {
	}

	static class LineRecorder {

		final BlockingQueue<List<Line>> received = new LinkedBlockingQueue<>();

		@KvQueueListener
		void receive(List<Line> lines) {
			this.received.add(lines);
		}

	}

	abstract static class TypedListener<T> {

		final BlockingQueue<T> received = new LinkedBlockingQueue<>();

		@KvQueueListener
		void receive(T message) {
			this.received.add(message);
		}

	}

	static class LineListener extends TypedListener<Line> {

	}

	static class Recorder {

		final BlockingQueue<String> received = new LinkedBlockingQueue<>();

		@KvQueueListener
		void receive(String message) {
			this.received.add(message);
		}

	}

	static class OtherListener {

		@KvQueueListener
		public void receive(String message) {
		}

	}

	static class NoParameter {

		@KvQueueListener
		public void receive() {
		}

	}

	static class SlowListener {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final AtomicBoolean interrupted;

		SlowListener() {
			this(new AtomicBoolean());
		}

		SlowListener(AtomicBoolean interrupted) {
			this.interrupted = interrupted;
		}

		@KvQueueListener
		public void receive(String message) throws InterruptedException {
			this.started.countDown();
			try {
				this.release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				this.interrupted.set(true);
				throw ex;
			}
		}

	}

}
