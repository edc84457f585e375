package dev.denokv.sample.board;

/** The todo changed since the client read it: its versionstamp check failed, nothing was written. */
public class TodoConflictException extends RuntimeException {

	public TodoConflictException(String id) {
		super("Todo " + id + " was changed by someone else; reload it and try again");
	}

}
