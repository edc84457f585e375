package dev.denokv.core;

import java.time.Duration;

import dev.denokv.handler.DenoCliLimits;

/**
 * The request limits that {@link KvTemplate} enforces before any I/O. {@link #deno()} holds the
 * limits of the Deno CLI 2.9 ({@code ext/kv/config.rs} and {@code 01_db.ts}); like Deno's
 * {@code KvConfig}, every limit can be changed, for example to {@link #denokvServer()} when the
 * database is served by a denokv server that allows fewer checks.
 *
 * @param maxWriteKeySize largest encoded key of a mutation or check, in bytes
 * @param maxReadKeySize largest encoded range bound or watched key, in bytes
 * @param maxValueSize largest serialized value or queue payload, in bytes
 * @param maxReadRanges most keys of one {@code getMany}
 * @param maxReadEntries most entries of one read (the largest list batch size)
 * @param maxChecks most checks of one atomic operation
 * @param maxMutations most mutations plus enqueues of one atomic operation
 * @param maxTotalMutationSize largest sum of keys, values and payloads of one atomic operation
 * @param maxTotalKeySize largest sum of the keys of value-carrying mutations of one atomic operation
 * @param maxWatchedKeys most keys of one watch
 * @param maxQueueDelay longest enqueue delay
 * @param maxBackoffIntervals most entries of a backoff schedule
 * @param maxBackoffInterval longest backoff interval
 */
public record KvLimits(int maxWriteKeySize, int maxReadKeySize, int maxValueSize, int maxReadRanges,
		int maxReadEntries, int maxChecks, int maxMutations, int maxTotalMutationSize, int maxTotalKeySize,
		int maxWatchedKeys, Duration maxQueueDelay, int maxBackoffIntervals, Duration maxBackoffInterval) {

	private static final KvLimits DENO = new KvLimits(DenoCliLimits.MAX_WRITE_KEY_BYTES,
			DenoCliLimits.MAX_READ_KEY_BYTES, DenoCliLimits.MAX_VALUE_BYTES, DenoCliLimits.MAX_READ_RANGES,
			DenoCliLimits.MAX_READ_ENTRIES, DenoCliLimits.MAX_CHECKS, DenoCliLimits.MAX_MUTATIONS,
			DenoCliLimits.MAX_TOTAL_MUTATION_BYTES, DenoCliLimits.MAX_TOTAL_KEY_BYTES, DenoCliLimits.MAX_WATCHED_KEYS,
			Duration.ofMillis(DenoCliLimits.MAX_QUEUE_DELAY_MS), DenoCliLimits.MAX_BACKOFF_INTERVALS,
			Duration.ofMillis(DenoCliLimits.MAX_BACKOFF_INTERVAL_MS));

	/** The denokv KV Connect server's check limit (kv-format.md §7, server column). */
	private static final int DENOKV_SERVER_MAX_CHECKS = 10;

	/** The Deno CLI's limits (the default). */
	public static KvLimits deno() {
		return DENO;
	}

	/**
	 * The Deno CLI's limits narrowed to what the denokv KV Connect server accepts: at most 10
	 * checks per atomic operation.
	 */
	public static KvLimits denokvServer() {
		return DENO.withMaxChecks(DENOKV_SERVER_MAX_CHECKS);
	}

	/** A copy with another check limit. */
	public KvLimits withMaxChecks(int maxChecks) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, maxChecks, this.maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval);
	}

	/** A copy with another mutation limit. */
	public KvLimits withMaxMutations(int maxMutations) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, this.maxChecks, maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval);
	}

}
