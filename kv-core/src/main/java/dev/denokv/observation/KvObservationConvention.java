package dev.denokv.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of Deno KV operations. Implement it to change them, and pass it
 * to {@code KvTemplate.builder(...).observationConvention(...)}.
 */
public interface KvObservationConvention extends ObservationConvention<KvObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof KvObservationContext;
	}

}
