package dev.denokv.sample.board;

/** No todo has this id (any more). */
public class TodoNotFoundException extends RuntimeException {

	public TodoNotFoundException(String id) {
		super("No todo " + id);
	}

}
