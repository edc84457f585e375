package dev.denokv.sample.board;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A todo with the versionstamp it was read at. Clients send the version back with an update, and
 * the update commits only if the todo is still at that version (optimistic concurrency).
 *
 * @param todo the todo
 * @param version its versionstamp, 20 hex characters as in Deno
 */
public record VersionedTodo(@JsonUnwrapped Todo todo, String version) {

}
