package dev.denokv.observation;

import java.util.Locale;

/** How an observed operation ended. */
public enum KvOutcome {

	/** It completed. */
	SUCCESS,

	/** An atomic commit did not apply because a check failed (not an error in Deno's terms). */
	CHECK_FAILED,

	/** It threw. */
	ERROR;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/** The value of the {@code outcome} tag. */
	public String tagValue() {
		return this.tagValue;
	}

}
