package dev.denokv.handler;

/**
 * The numbers of the Deno CLI's request limits (kv-format.md §7, "Deno CLI value" column), written
 * down once for every layer: {@code KeyLimits}, {@code KvLimits.deno()}, the SQLite handler and the
 * KV Connect server all take them from here. Each layer keeps its own error messages (Deno's texts
 * differ from the denokv server's on purpose); only the numbers are shared.
 */
public final class DenoCliLimits {

	/** Largest encoded key of a mutation or check, in bytes. */
	public static final int MAX_WRITE_KEY_BYTES = 2048;

	/** Largest encoded range bound or watched key: one more than a write key, so {@code key ++ 00} fits. */
	public static final int MAX_READ_KEY_BYTES = MAX_WRITE_KEY_BYTES + 1;

	/** Largest serialized value or queue payload, in bytes. */
	public static final int MAX_VALUE_BYTES = 65536;

	/** Most ranges (keys of a {@code getMany}) of one read. */
	public static final int MAX_READ_RANGES = 10;

	/** Most entries one read may ask for, summed over its ranges. */
	public static final int MAX_READ_ENTRIES = 1000;

	/** Most checks of one atomic write. */
	public static final int MAX_CHECKS = 100;

	/** Most mutations plus enqueues of one atomic write. */
	public static final int MAX_MUTATIONS = 1000;

	/** Largest sum of keys, values and payloads of one atomic write (800 KiB). */
	public static final int MAX_TOTAL_MUTATION_BYTES = 819200;

	/** Largest sum of the keys of value-carrying mutations of one atomic write (80 KiB). */
	public static final int MAX_TOTAL_KEY_BYTES = 81920;

	/** Most keys of one watch. */
	public static final int MAX_WATCHED_KEYS = 10;

	/** Most entries of a queue message's backoff schedule. */
	public static final int MAX_BACKOFF_INTERVALS = 5;

	/** Longest backoff interval (one hour), in ms. */
	public static final int MAX_BACKOFF_INTERVAL_MS = 3_600_000;

	/** Longest enqueue delay (30 days), in ms. */
	public static final long MAX_QUEUE_DELAY_MS = 30L * 24 * 3600 * 1000;

	/**
	 * Latest expiry instant, in ms since the epoch: the last millisecond of the year 262142, the
	 * end of the range of the time library Deno converts {@code now + expireIn} with.
	 */
	public static final long MAX_EXPIRE_AT_MS = 8_210_266_876_799_999L;

	private DenoCliLimits() {
	}

}
