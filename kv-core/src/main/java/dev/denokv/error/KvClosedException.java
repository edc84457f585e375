package dev.denokv.error;

/** The database handler, template or watch was used after it was closed. */
public class KvClosedException extends KvException {

	public KvClosedException(String message) {
		super(message);
	}

}
