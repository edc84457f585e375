package dev.denokv.observation;

import io.micrometer.common.KeyValues;

import dev.denokv.observation.KvObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default naming: observation {@value #NAME}, contextual name {@code "denokv <operation>"},
 * low-cardinality tags {@code denokv.operation}, {@code denokv.backend} and {@code outcome}.
 * Switch all of them off in Spring Boot with {@code management.observations.enable.denokv=false}.
 */
public class DefaultKvObservationConvention implements KvObservationConvention {

	/** The observation name (and so the timer name). */
	public static final String NAME = "denokv.client.operation";

	/** A shared instance; the class is stateless. */
	public static final DefaultKvObservationConvention INSTANCE = new DefaultKvObservationConvention();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(KvObservationContext context) {
		return "denokv " + context.getOperation().tagValue();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(KvObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.OPERATION.withValue(context.getOperation().tagValue()),
				LowCardinalityKeyNames.BACKEND.withValue(context.getBackend()),
				LowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().tagValue()));
	}

}
