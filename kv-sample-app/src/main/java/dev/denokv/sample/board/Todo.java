package dev.denokv.sample.board;

/**
 * A todo as stored under {@code ["todos", id]}. Stored as a plain JS object, so a Deno script
 * reading the same database sees {@code {id, title, assignee, done, createdAt}}.
 *
 * @param id time-ordered id, so that listing by key lists by creation time
 * @param title what needs doing
 * @param assignee who does it, or {@code null}
 * @param done whether it is done
 * @param createdAt creation time in milliseconds since the epoch (a JS timestamp)
 */
public record Todo(String id, String title, String assignee, boolean done, long createdAt) {

	/** A copy with new editable fields. */
	public Todo edit(String newTitle, String newAssignee, boolean newDone) {
		return new Todo(this.id, newTitle, newAssignee, newDone, this.createdAt);
	}

}
