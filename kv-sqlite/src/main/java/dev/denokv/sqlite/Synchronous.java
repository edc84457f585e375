package dev.denokv.sqlite;

/**
 * SQLite's {@code PRAGMA synchronous} levels for the writer connection. In WAL mode {@link #FULL}
 * (Deno's behaviour and our default) syncs the WAL on every commit, so a committed write survives
 * a power loss; {@link #NORMAL} syncs only at checkpoints: much faster, still safe against a
 * process crash, but the last commits may be lost on power failure.
 */
public enum Synchronous {

	/** No syncing at all: data may be lost or corrupted on power loss. */
	OFF,

	/** WAL synced at checkpoints only: durable against process crashes, not power loss. */
	NORMAL,

	/** WAL synced at every commit (Deno's behaviour). */
	FULL,

	/** Like {@link #FULL}, and the directory is synced too after the WAL is deleted or truncated. */
	EXTRA

}
