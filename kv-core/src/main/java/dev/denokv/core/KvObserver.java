package dev.denokv.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import dev.denokv.observation.DefaultKvObservationConvention;
import dev.denokv.observation.KvObservationContext;
import dev.denokv.observation.KvObservationConvention;
import dev.denokv.observation.KvObservationDocumentation;
import dev.denokv.observation.KvOperationName;

/** Wraps operations in Micrometer observations. Immutable and thread-safe. */
final class KvObserver {

	private final ObservationRegistry registry;

	private final KvObservationConvention customConvention;

	private final String backend;

	KvObserver(ObservationRegistry registry, KvObservationConvention customConvention, String backend) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.customConvention = customConvention;
		this.backend = Objects.requireNonNull(backend, "backend");
	}

	/**
	 * Runs {@code work} inside an observation of {@code operation}. The work may set the outcome on
	 * the context; an exception is recorded as the error and rethrown. When nothing observes (no
	 * registry, or one without handlers) the work runs directly and gets a {@code null} context:
	 * building a context costs about as much as the rest of the template's work for a small write.
	 */
	<T> T observe(KvOperationName operation, Function<KvObservationContext, T> work) {
		if (this.registry.isNoop()) {
			return work.apply(null);
		}
		KvObservationContext context = new KvObservationContext(operation, this.backend);
		Observation observation = KvObservationDocumentation.KV_OPERATION.observation(this.customConvention,
				DefaultKvObservationConvention.INSTANCE, () -> context, this.registry);
		return observation.observe(() -> work.apply(context));
	}

	/**
	 * Starts {@code work} inside an observation of {@code operation} that stops when the returned
	 * future completes. Any exception, thrown or completing the future, is recorded as the error
	 * and ends in the returned future.
	 */
	<T> CompletableFuture<T> observeAsync(KvOperationName operation,
			Function<KvObservationContext, CompletableFuture<T>> work) {
		if (this.registry.isNoop()) {
			try {
				return work.apply(null);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		KvObservationContext context = new KvObservationContext(operation, this.backend);
		Observation observation = KvObservationDocumentation.KV_OPERATION
			.observation(this.customConvention, DefaultKvObservationConvention.INSTANCE, () -> context, this.registry)
			.start();
		CompletableFuture<T> future;
		try (Observation.Scope scope = observation.openScope()) {
			future = work.apply(context);
		}
		catch (RuntimeException ex) {
			future = CompletableFuture.failedFuture(ex);
		}
		return future.whenComplete((result, ex) -> {
			if (ex != null) {
				observation.error((ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex);
			}
			observation.stop();
		});
	}

	/** Runs {@code work} inside an observation of {@code operation}. */
	void observeRun(KvOperationName operation, Runnable work) {
		observe(operation, (context) -> {
			work.run();
			return null;
		});
	}

}
