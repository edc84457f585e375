package dev.denokv.observation;

import java.util.Objects;

import io.micrometer.observation.Observation;

/**
 * What an observation of a Deno KV operation knows: the operation, the backend and how it ended.
 * Deliberately holds no keys or values.
 */
public class KvObservationContext extends Observation.Context {

	private final KvOperationName operation;

	private final String backend;

	private volatile KvOutcome outcome = KvOutcome.SUCCESS;

	public KvObservationContext(KvOperationName operation, String backend) {
		this.operation = Objects.requireNonNull(operation, "operation");
		this.backend = Objects.requireNonNull(backend, "backend");
	}

	public KvOperationName getOperation() {
		return this.operation;
	}

	public String getBackend() {
		return this.backend;
	}

	/** The outcome; {@link KvOutcome#ERROR} whenever an error was recorded. */
	public KvOutcome getOutcome() {
		return (getError() != null) ? KvOutcome.ERROR : this.outcome;
	}

	public void setOutcome(KvOutcome outcome) {
		this.outcome = Objects.requireNonNull(outcome, "outcome");
	}

}
