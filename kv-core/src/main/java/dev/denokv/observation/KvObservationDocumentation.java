package dev.denokv.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations that {@code KvTemplate} makes: one per operation (one per batch for a list, one
 * per handled message for a queue listener, one per start of a watch). Every tag is
 * low-cardinality; keys and values are never recorded, because of cardinality and privacy.
 */
public enum KvObservationDocumentation implements ObservationDocumentation {

	/** A Deno KV operation. */
	KV_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultKvObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public String getPrefix() {
			return "denokv";
		}

	};

	/** The low-cardinality tags. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, one of {@link KvOperationName}'s tag values, for example {@code get} or {@code atomic}. */
		OPERATION {
			@Override
			public String asString() {
				return "denokv.operation";
			}
		},

		/** The backend: {@code sqlite}, {@code remote}, or whatever the handler calls itself. */
		BACKEND {
			@Override
			public String asString() {
				return "denokv.backend";
			}
		},

		/** {@code success}, {@code check_failed} (an atomic commit whose check did not hold) or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

}
