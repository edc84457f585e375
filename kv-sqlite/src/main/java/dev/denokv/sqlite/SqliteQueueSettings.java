package dev.denokv.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of {@link SqliteQueue}.
 *
 * @param lease how long a delivered message stays in {@code queue_running} before it counts as
 * failed and is retried: a handler that hangs longer, or a process that dies, leads to redelivery.
 * Deno uses the scheduled time + 5 s, which redelivers any handler slower than 5 s; the default
 * here is 30 s after delivery.
 * @param pollInterval how often the table is polled for messages that another process (e.g.
 * Deno) put on the same file; enqueues in this process wake consumers at once
 * @param cleanupInterval how often expired leases are looked for (Deno: every 60 s)
 */
public record SqliteQueueSettings(Duration lease, Duration pollInterval, Duration cleanupInterval) {

	/** 30 s lease, 500 ms poll, 5 s cleanup. */
	public static final SqliteQueueSettings DEFAULTS = new SqliteQueueSettings(Duration.ofSeconds(30),
			Duration.ofMillis(500), Duration.ofSeconds(5));

	public SqliteQueueSettings {
		requirePositive(lease, "lease");
		requirePositive(pollInterval, "pollInterval");
		requirePositive(cleanupInterval, "cleanupInterval");
	}

	private static void requirePositive(Duration d, String name) {
		Objects.requireNonNull(d, name);
		if (d.isNegative() || d.isZero()) {
			throw new IllegalArgumentException(name + " must be positive: " + d);
		}
	}

}
