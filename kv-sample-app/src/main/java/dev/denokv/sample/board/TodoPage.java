package dev.denokv.sample.board;

import java.util.List;

/**
 * One page of todos, newest first.
 *
 * @param items the todos with their versionstamps
 * @param cursor where the next page starts, or {@code null} at the end
 */
public record TodoPage(List<VersionedTodo> items, String cursor) {

}
