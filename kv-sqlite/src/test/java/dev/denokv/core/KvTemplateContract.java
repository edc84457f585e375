package dev.denokv.core;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.denokv.error.KvInvalidArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the contract test interfaces need from the test class: a fresh {@link KvTemplate} per test
 * on a real backend, and what the backend supports. Implemented by {@link KvTemplateContractTests}.
 */
public interface KvTemplateContract {

	/** Bound on every wait in the suite; never reached when things work. */
	Duration TIMEOUT = Duration.ofSeconds(20);

	/** The template under test, on a fresh, empty database. */
	KvTemplate kv();

	/** The handler under {@link #kv()}, counting the calls that reach the backend. */
	CountingDatabaseHandler counting();

	/** Another template on the same database (not closing it), for example with another clock. */
	KvTemplate kv(KvTemplateBuilderCustomizer customizer);

	/** Whether the backend delivers queue messages (KV Connect does not). */
	default boolean supportsQueues() {
		return true;
	}

	/** Whether a failed check says which checks failed (some KV Connect servers never do). */
	default boolean reportsFailedChecks() {
		return true;
	}

	/** Changes a builder; see {@link #kv(KvTemplateBuilderCustomizer)}. */
	@FunctionalInterface
	interface KvTemplateBuilderCustomizer {

		void customize(KvTemplateBuilder builder);

	}

	default void assertRejected(Runnable call, String message) {
		int before = counting().calls();
		assertThatThrownBy(call::run).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
		assertThat(counting().calls()).as("calls that reached the backend").isEqualTo(before);
	}

	/** Waits (bounded) for the next element. */
	default <E> E poll(BlockingQueue<E> queue) throws InterruptedException {
		E element = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(element).as("an element within " + TIMEOUT).isNotNull();
		return element;
	}

	/** Waits (bounded) until {@code condition} holds. */
	default void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within " + TIMEOUT).isLessThan(deadline);
			Thread.sleep(10);
		}
	}

}
