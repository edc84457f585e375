package dev.denokv.core;

import java.util.List;

/**
 * One page of a list: its entries and the cursor for the next page ({@code ""} when the list ended
 * before the page was full). A page that is exactly full returns its last entry's cursor, so the
 * next page may be empty, as with Deno's cursors.
 *
 * @param <T> the value type
 * @param entries the entries of this page
 * @param cursor where the next page starts; {@code ""} when there is none
 */
public record KvPage<T>(List<KvEntry<T>> entries, String cursor) {

	public KvPage {
		entries = List.copyOf(entries);
	}

	/** Whether another page may follow. */
	public boolean hasMore() {
		return !this.cursor.isEmpty();
	}

}
