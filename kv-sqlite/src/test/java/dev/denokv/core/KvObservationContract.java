package dev.denokv.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.observation.DefaultKvObservationConvention;
import dev.denokv.observation.KvObservationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Observations: one per operation, low-cardinality tags only, never keys. */
public interface KvObservationContract extends KvTemplateContract {

	/** Records every stopped observation. */
	final class Recorder implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		List<String> tags() {
			return this.stopped.stream()
				.map((c) -> c.getLowCardinalityKeyValue("denokv.operation").getValue() + "/"
						+ c.getLowCardinalityKeyValue("outcome").getValue())
				.toList();
		}

	}

	@Test
	default void everyOperationIsObservedWithItsOutcome() {
		Recorder recorder = new Recorder();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		KvTemplate kv = kv((builder) -> builder.observationRegistry(registry));
		KvKey key = KvKey.of("secret-user-id");
		kv.set(key, "v");
		kv.get(key, String.class);
		kv.getMany(List.of(key), String.class);
		kv.list(KvListSelector.prefix(KvKey.empty()), String.class).toList();
		kv.delete(key);
		kv.atomic().check(key, null).commit();
		kv.set(key, "v");
		kv.atomic().check(key, null).commit();
		assertThat(recorder.tags()).containsExactly("set/success", "get/success", "get_many/success",
				"list/success", "delete/success", "atomic/success", "set/success", "atomic/check_failed");
		Observation.Context first = recorder.stopped.get(0);
		assertThat(first.getName()).isEqualTo(DefaultKvObservationConvention.NAME);
		assertThat(first.getContextualName()).isEqualTo("denokv set");
		assertThat(first.getLowCardinalityKeyValue("denokv.backend").getValue())
			.isEqualTo(kv.getDatabaseHandler().backendName());
		for (Observation.Context context : recorder.stopped) {
			assertThat(context.getLowCardinalityKeyValues()).extracting(KeyValue::getKey)
				.containsExactlyInAnyOrder("denokv.operation", "denokv.backend", "outcome");
			assertThat(context.getAllKeyValues().stream().map(KeyValue::getValue)).noneMatch((v) -> v.contains("secret"));
		}
	}

	@Test
	default void asynchronousWritesAreObservedWhenTheyComplete() {
		Recorder recorder = new Recorder();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		KvTemplate kv = kv((builder) -> builder.observationRegistry(registry));
		KvKey key = KvKey.of("async-observed");
		kv.setAsync(key, "v").join();
		kv.atomic().check(key, null).commitAsync().join();
		kv.deleteAsync(key).join();
		kv.setAsync(key, "x", java.time.Duration.ofMillis(-1)).exceptionally((ex) -> null).join();
		kv.set(KvKey.of("text"), "not a number");
		kv.atomic().sum(KvKey.of("text"), 1).commitAsync().exceptionally((ex) -> null).join();
		assertThat(recorder.tags()).containsExactly("set/success", "atomic/check_failed", "delete/success", "set/success",
				"atomic/error");
	}

	@Test
	default void queueMessagesAndWatchesAreObserved() throws Exception {
		Recorder recorder = new Recorder();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		KvTemplate kv = kv((builder) -> builder.observationRegistry(registry));
		java.util.concurrent.BlockingQueue<Object> events = new java.util.concurrent.LinkedBlockingQueue<>();
		KvSubscription watch = kv.watch(List.of(KvKey.of("w")), String.class, events::add);
		poll(events);
		watch.cancel();
		assertThat(recorder.tags()).containsExactly("watch/success");
		if (supportsQueues()) {
			kv.enqueue("ok");
			kv.enqueue("fail", KvEnqueueOptions.defaults().backoffSchedule());
			KvSubscription listener = kv.listenQueue(String.class, (m) -> {
				events.add(m);
				if (m.equals("fail")) {
					throw new IllegalStateException("fails on purpose");
				}
			}, KvQueueContract.FAST);
			poll(events);
			poll(events);
			listener.cancel();
			assertThat(recorder.tags()).containsExactlyInAnyOrder("watch/success", "enqueue/success",
					"enqueue/success", "queue_message/success", "queue_message/error");
		}
	}

	@Test
	default void errorsAreRecorded() {
		Recorder recorder = new Recorder();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		KvTemplate kv = kv((builder) -> builder.observationRegistry(registry));
		assertThatThrownBy(() -> kv.get(KvKey.of("x".repeat(3000)), String.class))
			.isInstanceOf(KvInvalidArgumentException.class);
		assertThat(recorder.tags()).containsExactly("get/error");
		assertThat(recorder.stopped.get(0).getError()).isInstanceOf(KvInvalidArgumentException.class);
	}

	@Test
	default void aCustomConventionReplacesTheDefault() {
		Recorder recorder = new Recorder();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorder);
		KvTemplate kv = kv((builder) -> builder.observationRegistry(registry)
			.observationConvention(new DefaultKvObservationConvention() {
				@Override
				public String getName() {
					return "custom.kv";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(KvObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "blue");
				}
			}));
		kv.get(KvKey.of("a"), String.class);
		assertThat(recorder.stopped.get(0).getName()).isEqualTo("custom.kv");
		assertThat(recorder.stopped.get(0).getLowCardinalityKeyValue("team").getValue()).isEqualTo("blue");
	}

}
