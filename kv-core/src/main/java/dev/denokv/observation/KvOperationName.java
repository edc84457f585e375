package dev.denokv.observation;

import java.util.Locale;

/** The operations that are observed, with their tag values. */
public enum KvOperationName {

	/** {@code get}: one key. */
	GET,

	/** {@code get_many}: up to 10 keys in one snapshot. */
	GET_MANY,

	/** {@code list}: one batch of a list. */
	LIST,

	/** {@code set}: a single-key write. */
	SET,

	/** {@code delete}: a single-key delete. */
	DELETE,

	/** {@code atomic}: the commit of an atomic operation. */
	ATOMIC,

	/** {@code enqueue}: a queue message sent outside an atomic operation. */
	ENQUEUE,

	/** {@code queue_message}: one delivery handled by a queue listener. */
	QUEUE_MESSAGE,

	/** {@code watch}: the start of a watch. */
	WATCH;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/** The value of the {@code denokv.operation} tag. */
	public String tagValue() {
		return this.tagValue;
	}

}
