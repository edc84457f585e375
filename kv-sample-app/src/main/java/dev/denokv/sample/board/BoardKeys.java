package dev.denokv.sample.board;

import java.util.List;

import dev.denokv.key.KvKey;

/** Where the board keeps its data. Key parts are strings, so Deno scripts use the same keys. */
public final class BoardKeys {

	/** Prefix of the open and done todos: {@code ["todos", id]}. */
	public static final KvKey TODOS = KvKey.of("todos");

	/** Prefix of archived todos: {@code ["archive", id]}. */
	public static final KvKey ARCHIVE = KvKey.of("archive");

	/** Todos ever created (KvU64, summed). */
	public static final KvKey CREATED = KvKey.of("stats", "created");

	/** Times a todo was marked done (KvU64, summed). */
	public static final KvKey COMPLETED = KvKey.of("stats", "completed");

	/** Todos moved to the archive (KvU64, summed). */
	public static final KvKey ARCHIVED = KvKey.of("stats", "archived");

	/** Every change to the board adds one (KvU64): watching it tells browsers to reload. */
	public static final KvKey CHANGES = KvKey.of("stats", "changes");

	/** The latest digest computed by the background job. */
	public static final KvKey DIGEST = KvKey.of("digest", "latest");

	/** The counters, in the order of {@link BoardStats}. */
	public static final List<KvKey> COUNTERS = List.of(CREATED, COMPLETED, ARCHIVED, CHANGES);

	private BoardKeys() {
	}

	public static KvKey todo(String id) {
		return TODOS.append(id);
	}

	public static KvKey archived(String id) {
		return ARCHIVE.append(id);
	}

}
