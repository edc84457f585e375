package dev.denokv.error;

/**
 * A mutation that cannot be applied to the stored data, for example a {@code sum} on a value
 * that is not a KvU64 ({@code "Failed to perform 'sum' mutation on a non-U64 value in the database"}).
 * The whole atomic operation that contained it was rolled back.
 */
public class KvMutationException extends KvException {

	public KvMutationException(String message) {
		super(message);
	}

}
