package dev.denokv.core;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvClosedException;
import dev.denokv.key.KvKey;
import dev.denokv.value.KvType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** enqueue and queue listeners: delivery, delay, retries, dead letters, concurrency, graceful stop. */
public interface KvQueueContract extends KvTemplateContract {

	/** Fast polling so that stops are quick in tests. */
	KvQueueListenerOptions FAST = KvQueueListenerOptions.defaults().withPollTimeout(Duration.ofMillis(100));

	@Test
	default void enqueuedMessagesAreDelivered() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		assertThat(kv().enqueue("hello").versionstamp()).isNotNull();
		KvSubscription listener = kv().listenQueue(String.class, received::add, FAST);
		assertThat(poll(received)).isEqualTo("hello");
		assertThat(listener.isActive()).isTrue();
		listener.cancel();
		assertThat(listener.isActive()).isFalse();
	}

	@Test
	default void messagesDecodeIntoAGenericType() throws Exception {
		BlockingQueue<List<KvReadWriteContract.Todo>> received = new LinkedBlockingQueue<>();
		kv().enqueue(List.of(new KvReadWriteContract.Todo("queued", true)));
		KvSubscription listener = kv().listenQueue(new KvType<List<KvReadWriteContract.Todo>>() {
		}, received::add, FAST);
		try {
			assertThat(poll(received)).containsExactly(new KvReadWriteContract.Todo("queued", true));
		}
		finally {
			listener.cancel();
		}
	}

	@Test
	default void delayedMessagesWaitForTheirTime() throws Exception {
		BlockingQueue<Long> receivedAt = new LinkedBlockingQueue<>();
		kv().listenQueue(String.class, (m) -> receivedAt.add(System.currentTimeMillis()), FAST);
		long sent = System.currentTimeMillis();
		kv().enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofMillis(400)));
		assertThat(poll(receivedAt) - sent).isGreaterThanOrEqualTo(400);
	}

	@Test
	default void failedMessagesAreRetriedThenDeadLettered() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		KvKey deadLetter = KvKey.of("dead", "letter");
		kv().enqueue("poison", KvEnqueueOptions.defaults()
			.backoffSchedule(Duration.ofMillis(10), Duration.ofMillis(10))
			.keysIfUndelivered(deadLetter));
		kv().listenQueue(String.class, (m) -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("handler fails on purpose");
		}, FAST);
		await(() -> kv().get(deadLetter, String.class).exists());
		assertThat(kv().get(deadLetter, String.class).value()).isEqualTo("poison");
		assertThat(attempts.get()).as("one delivery plus one per backoff interval").isEqualTo(3);
	}

	@Test
	default void emptyBackoffScheduleMeansNoRetry() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		KvKey deadLetter = KvKey.of("dead", "once");
		kv().enqueue("once", KvEnqueueOptions.defaults().backoffSchedule().keysIfUndelivered(deadLetter));
		kv().listenQueue(String.class, (m) -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("fails");
		}, FAST);
		await(() -> kv().get(deadLetter, String.class).exists());
		assertThat(attempts.get()).isEqualTo(1);
	}

	@Test
	default void handlersRunConcurrently() throws Exception {
		int n = 4;
		CountDownLatch allStarted = new CountDownLatch(n);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < n; i++) {
			kv().enqueue("m" + i);
		}
		KvSubscription listener = kv().listenQueue(String.class, (m) -> {
			allStarted.countDown();
			release.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}, FAST.withConcurrency(n));
		assertThat(allStarted.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		release.countDown();
		listener.cancel();
	}

	@Test
	default void stopLetsMessagesInFlightFinish() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		AtomicInteger deliveries = new AtomicInteger();
		kv().enqueue("slow");
		KvSubscription listener = kv().listenQueue(String.class, (m) -> {
			deliveries.incrementAndGet();
			started.countDown();
			Thread.sleep(300);
			finished.set(true);
		}, FAST);
		assertThat(started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		listener.cancel();
		assertThat(finished).as("the handler finished before cancel returned").isTrue();
		// Acknowledged, so a new listener gets nothing more.
		BlockingQueue<String> again = new LinkedBlockingQueue<>();
		KvSubscription second = kv().listenQueue(String.class, again::add, FAST);
		assertThat(again.poll(300, TimeUnit.MILLISECONDS)).isNull();
		second.cancel();
		assertThat(deliveries.get()).isEqualTo(1);
	}

	/**
	 * A long poll, so that a stop that waited for the dispatcher's poll or join timeout (5 s and
	 * 6 s) instead of waking it would take far longer than the bound the tests below assert.
	 */
	KvQueueListenerOptions SLOW_POLL_ONE_HANDLER = KvQueueListenerOptions.defaults()
		.withConcurrency(1)
		.withPollTimeout(Duration.ofSeconds(5));

	@Test
	default void stopWhileEveryHandlerIsBusyReturnsPromptly() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		kv().enqueue("busy");
		KvSubscription listener = kv().listenQueue(String.class, (m) -> {
			started.countDown();
			Thread.sleep(300);
		}, SLOW_POLL_ONE_HANDLER);
		assertThat(started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		long begin = System.nanoTime();
		listener.cancel();
		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(3));
		assertThat(listener.isActive()).isFalse();
	}

	@Test
	default void aHandlerThatStopsItsOwnContainerReturnsPromptly() throws Exception {
		AtomicReference<KvQueueListenerContainer<String>> self = new AtomicReference<>();
		BlockingQueue<Duration> stopTook = new LinkedBlockingQueue<>();
		KvQueueListenerContainer<String> container = new KvQueueListenerContainer<>(kv(), String.class, (m) -> {
			long begin = System.nanoTime();
			self.get().stop();
			stopTook.add(Duration.ofNanos(System.nanoTime() - begin));
		}, SLOW_POLL_ONE_HANDLER);
		self.set(container);
		container.start();
		kv().enqueue("stop yourself");
		assertThat(poll(stopTook)).isLessThan(Duration.ofSeconds(3));
		assertThat(container.isActive()).isFalse();
	}

	@Test
	default void handlersStillRunningAfterTheShutdownTimeoutAreInterruptedAndRedelivered() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		kv().enqueue("stuck", KvEnqueueOptions.defaults().backoffSchedule(Duration.ofMillis(10)));
		KvSubscription listener = kv().listenQueue(String.class, (m) -> {
			started.countDown();
			try {
				Thread.sleep(TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
				throw ex;
			}
		}, FAST.withShutdownTimeout(Duration.ofMillis(100)));
		assertThat(started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		listener.cancel();
		await(interrupted::get);
		BlockingQueue<String> again = new LinkedBlockingQueue<>();
		kv().listenQueue(String.class, again::add, FAST);
		assertThat(poll(again)).as("the interrupted message is delivered again").isEqualTo("stuck");
	}

	@Test
	default void handlersInterruptedAtShutdownGiveTheirMessageBackWithoutUsingUpARetry() throws Exception {
		KvKey deadLetter = KvKey.of("dead", "shutdown");
		CountDownLatch started = new CountDownLatch(1);
		kv().enqueue("last chance", KvEnqueueOptions.defaults().backoffSchedule().keysIfUndelivered(deadLetter));
		KvSubscription listener = kv().listenQueue(String.class, (m) -> {
			started.countDown();
			Thread.sleep(TIMEOUT.toMillis());
		}, FAST.withShutdownTimeout(Duration.ofMillis(100)));
		assertThat(started.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		listener.cancel();
		BlockingQueue<String> again = new LinkedBlockingQueue<>();
		kv().listenQueue(String.class, again::add, FAST);
		assertThat(poll(again)).as("delivered again although no retry was left").isEqualTo("last chance");
		assertThat(kv().get(deadLetter, String.class).exists()).as("not dead-lettered").isFalse();
	}

	@Test
	default void undecodableMessagesCountAsFailures() throws Exception {
		KvKey deadLetter = KvKey.of("dead", "undecodable");
		kv().enqueue("not a number", KvEnqueueOptions.defaults().backoffSchedule().keysIfUndelivered(deadLetter));
		AtomicInteger handled = new AtomicInteger();
		kv().listenQueue(Integer.class, (m) -> handled.incrementAndGet(), FAST);
		await(() -> kv().get(deadLetter, String.class).exists());
		assertThat(handled.get()).isZero();
	}

	@Test
	default void atomicEnqueueOnlyWhenTheOperationCommits() throws Exception {
		KvKey key = KvKey.of("job", 1);
		kv().set(key, "taken");
		assertThat(kv().atomic().check(key, null).enqueue("lost").commit().ok()).isFalse();
		assertThat(kv().atomic().set(KvKey.of("job", 2), "new").enqueue("sent").commit().ok()).isTrue();
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		kv().listenQueue(String.class, received::add, FAST);
		assertThat(poll(received)).isEqualTo("sent");
		assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
	}

	@Test
	default void enqueueOptionsAreCheckedLikeDeno() {
		assertRejected(() -> kv().enqueue("x", KvEnqueueOptions.defaults().delay(Duration.ofDays(30).plusMillis(1))),
				"Delay cannot be greater than 30 days: received 2592000001");
		assertRejected(() -> kv().enqueue("x", KvEnqueueOptions.defaults().delay(Duration.ofMillis(-1))),
				"Delay must be >= 0: received -1");
		assertRejected(() -> kv().enqueue("x",
				KvEnqueueOptions.defaults().backoffSchedule(Collections.nCopies(6, Duration.ofMillis(1)))),
				"Invalid backoffSchedule, max 5 intervals allowed");
		assertRejected(() -> kv().enqueue("x",
				KvEnqueueOptions.defaults().backoffSchedule(Duration.ofHours(1).plusMillis(1))),
				"Invalid backoffSchedule, interval at index 0 is invalid");
		assertRejected(() -> kv().enqueue(new byte[65537]), "enqueue payload too large (max 65536 bytes)");
		assertRejected(() -> kv().atomic().enqueue("x", KvEnqueueOptions.defaults().delay(Duration.ofMillis(-2))),
				"Delay must be >= 0: received -2");
		kv().enqueue("x", KvEnqueueOptions.defaults().delay(Duration.ofDays(30)).backoffSchedule(
				Collections.nCopies(5, Duration.ofHours(1))));
		// Deno accepts backoffSchedule: [1.5, 2.9] and truncates it to [1, 2].
		kv().enqueue("x", KvEnqueueOptions.defaults().delay(Duration.ofDays(1))
			.backoffSchedule(Duration.ofNanos(1_500_000), Duration.ofNanos(2_900_000)));
	}

	@Test
	default void closingTheTemplateStopsItsListeners() {
		KvTemplate other = kv((builder) -> {
		});
		KvSubscription listener = other.listenQueue(String.class, (m) -> {
		}, FAST);
		other.close();
		assertThat(listener.isActive()).isFalse();
		assertThatThrownBy(() -> other.listenQueue(String.class, (m) -> {
		})).isInstanceOf(KvClosedException.class).hasMessage("Queue already closed");
	}

	@Test
	default void containerRestartsAfterStop() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		KvQueueListenerContainer<String> container = new KvQueueListenerContainer<>(kv(), String.class,
				received::add, FAST);
		container.start();
		container.start();
		kv().enqueue("one");
		assertThat(poll(received)).isEqualTo("one");
		container.stop();
		container.stop();
		container.start();
		kv().enqueue("two");
		assertThat(poll(received)).isEqualTo("two");
		container.stop();
	}

}
