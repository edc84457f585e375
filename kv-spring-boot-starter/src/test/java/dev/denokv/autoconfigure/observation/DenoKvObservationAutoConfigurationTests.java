package dev.denokv.autoconfigure.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.core.KvOperations;
import dev.denokv.key.KvKey;
import dev.denokv.observation.DefaultKvObservationConvention;
import dev.denokv.observation.KvObservationContext;
import dev.denokv.observation.KvObservationConvention;

import static org.assertj.core.api.Assertions.assertThat;

/** Operations are observed through the application's ObservationRegistry, with low-cardinality tags only. */
class DenoKvObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class, DenoKvObservationAutoConfiguration.class))
		.withPropertyValues("deno.kv.url=:memory:");

	@Test
	void operationsAreObservedWithTheApplicationsRegistry() {
		Recorded recorded = new Recorded();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorded);
		this.runner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			context.getBean(KvOperations.class).set(KvKey.of("secret-user-key"), "value");
			assertThat(recorded.contexts).isNotEmpty();
			Observation.Context observed = recorded.contexts.get(0);
			assertThat(observed.getName()).isEqualTo(DefaultKvObservationConvention.NAME);
			assertThat(observed.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
				.contains("denokv.operation", "denokv.backend");
			assertThat(observed.getLowCardinalityKeyValue("denokv.backend").getValue()).isEqualTo("sqlite");
			// Keys never become tags.
			assertThat(observed.getAllKeyValues().stream().map(KeyValue::getValue)).noneMatch((v) -> v.contains("secret"));
		});
	}

	@Test
	void aConventionBeanRenamesTheObservation() {
		Recorded recorded = new Recorded();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(recorded);
		KvObservationConvention renamed = new DefaultKvObservationConvention() {

			@Override
			public String getName() {
				return "board.kv";
			}

		};
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(KvObservationConvention.class, () -> renamed)
			.run((context) -> {
				context.getBean(KvOperations.class).set(KvKey.of("k"), "v");
				assertThat(recorded.contexts).extracting(Observation.Context::getName).contains("board.kv");
			});
	}

	@Test
	void anApplicationCustomizerChoosesTheRegistryOverTheStarter() {
		Recorded application = new Recorded();
		ObservationRegistry applicationRegistry = ObservationRegistry.create();
		applicationRegistry.observationConfig().observationHandler(application);
		Recorded chosen = new Recorded();
		ObservationRegistry chosenRegistry = ObservationRegistry.create();
		chosenRegistry.observationConfig().observationHandler(chosen);
		// An unordered customizer of the application's runs after the starter's (order 0) and wins.
		this.runner.withBean(ObservationRegistry.class, () -> applicationRegistry)
			.withBean("myCustomizer", dev.denokv.autoconfigure.KvTemplateBuilderCustomizer.class,
					() -> (builder) -> builder.observationRegistry(chosenRegistry))
			.run((context) -> {
				context.getBean(KvOperations.class).set(KvKey.of("k"), "v");
				assertThat(chosen.contexts).isNotEmpty();
				assertThat(application.contexts).isEmpty();
			});
	}

	@Test
	void withoutARegistryNothingIsObservedAndEverythingWorks() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationRegistry.class);
			KvOperations kv = context.getBean(KvOperations.class);
			kv.set(KvKey.of("k"), "v");
			assertThat(kv.get(KvKey.of("k"), String.class).value()).isEqualTo("v");
		});
	}

	static final class Recorded implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof KvObservationContext;
		}

	}

}
