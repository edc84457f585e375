package dev.denokv.error;

/**
 * A write to a database opened read-only. The message is Deno's:
 * {@value #MESSAGE}
 */
public class KvReadOnlyException extends KvBackendException {

	/** Deno's message for a write to a read-only database. */
	public static final String MESSAGE = "Can not write to a read-only database.";

	public KvReadOnlyException() {
		super(MESSAGE);
	}

}
