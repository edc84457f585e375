package dev.denokv.core;

import java.time.Duration;
import java.util.Objects;

import dev.denokv.handler.DenoCliLimits;

/**
 * Request limits, checked before any I/O. {@link KvTemplate} checks its own
 * ({@link KvTemplateBuilder#limits}); the SQLite handler checks its own again
 * ({@code SqliteOptions.withLimits}). Each layer enforces only its own limits, so raising a
 * template's limit above its handler's has no effect until the handler's is raised too.
 * {@link #deno()} holds the limits of the Deno CLI 2.9 ({@code ext/kv/config.rs} and
 * {@code 01_db.ts}); like Deno's {@code KvConfig}, every limit can be changed, for example to
 * {@link #denokvServer()} when the database is served by a denokv server that allows fewer checks.
 *
 * @param maxWriteKeySize largest encoded key of a mutation, in bytes
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
 * @param maxCheckKeySize largest encoded key of a check, in bytes (Deno: as a mutation key; denokv
 * checks them as read keys)
 * @param allowEmptyKeys whether checks and mutations may have the empty key (Deno rejects it,
 * denokv does not look)
 * @param maxClockSkew how far ahead of a backend's clock the clock that computed a received enqueue
 * deadline may be: a backend accepts deadlines up to {@code now + maxQueueDelay + maxClockSkew}.
 * Deno checks the delay itself and no deadline, so only a backend, which receives absolute
 * deadlines computed by a template's {@link java.time.Clock} or another machine, uses it.
 */
public record KvLimits(int maxWriteKeySize, int maxReadKeySize, int maxValueSize, int maxReadRanges,
		int maxReadEntries, int maxChecks, int maxMutations, int maxTotalMutationSize, int maxTotalKeySize,
		int maxWatchedKeys, Duration maxQueueDelay, int maxBackoffIntervals, Duration maxBackoffInterval,
		int maxCheckKeySize, boolean allowEmptyKeys, Duration maxClockSkew) {

	/** The default {@link #maxClockSkew}: a day, as this project's KV Connect server allows. */
	public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofDays(1);

	private static final KvLimits DENO = new KvLimits(DenoCliLimits.MAX_WRITE_KEY_BYTES,
			DenoCliLimits.MAX_READ_KEY_BYTES, DenoCliLimits.MAX_VALUE_BYTES, DenoCliLimits.MAX_READ_RANGES,
			DenoCliLimits.MAX_READ_ENTRIES, DenoCliLimits.MAX_CHECKS, DenoCliLimits.MAX_MUTATIONS,
			DenoCliLimits.MAX_TOTAL_MUTATION_BYTES, DenoCliLimits.MAX_TOTAL_KEY_BYTES, DenoCliLimits.MAX_WATCHED_KEYS,
			Duration.ofMillis(DenoCliLimits.MAX_QUEUE_DELAY_MS), DenoCliLimits.MAX_BACKOFF_INTERVALS,
			Duration.ofMillis(DenoCliLimits.MAX_BACKOFF_INTERVAL_MS));

	/** The denokv KV Connect server's check limit (kv-format.md §7, server column). */
	private static final int DENOKV_SERVER_MAX_CHECKS = 10;

	/** The denokv server's backoff schedule limit (kv-format.md §7, server column). */
	private static final int DENOKV_MAX_BACKOFF_INTERVALS = 10;

	public KvLimits {
		Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
		Objects.requireNonNull(maxBackoffInterval, "maxBackoffInterval");
		Objects.requireNonNull(maxClockSkew, "maxClockSkew");
	}

	/**
	 * The limits as they were before check keys, empty keys and clock skew had limits of their own:
	 * check keys as large as mutation keys, no empty keys, {@link #DEFAULT_MAX_CLOCK_SKEW}.
	 */
	public KvLimits(int maxWriteKeySize, int maxReadKeySize, int maxValueSize, int maxReadRanges,
			int maxReadEntries, int maxChecks, int maxMutations, int maxTotalMutationSize, int maxTotalKeySize,
			int maxWatchedKeys, Duration maxQueueDelay, int maxBackoffIntervals, Duration maxBackoffInterval) {
		this(maxWriteKeySize, maxReadKeySize, maxValueSize, maxReadRanges, maxReadEntries, maxChecks, maxMutations,
				maxTotalMutationSize, maxTotalKeySize, maxWatchedKeys, maxQueueDelay, maxBackoffIntervals,
				maxBackoffInterval, maxWriteKeySize, false, DEFAULT_MAX_CLOCK_SKEW);
	}

	/** The Deno CLI's limits (the default). */
	public static KvLimits deno() {
		return DENO;
	}

	/**
	 * The Deno CLI's limits narrowed to what the denokv KV Connect server accepts: at most 10
	 * checks per atomic operation. For a template whose database is served by denokv.
	 */
	public static KvLimits denokvServer() {
		return DENO.withMaxChecks(DENOKV_SERVER_MAX_CHECKS);
	}

	/**
	 * For the database handler under a KV Connect server (this project's {@code kv-server}, which
	 * checks every request with denokv's limits and Deno's 100 checks): the Deno CLI's limits
	 * widened wherever denokv accepts more, so that the handler never rejects a request the server
	 * accepted. Check keys may have 2049 bytes, keys may be empty, a backoff schedule may have 10
	 * intervals, and the totals cannot fail: denokv counts each key once and has no key total,
	 * where Deno counts a value-carrying mutation's key twice, so twice denokv's 819200 bytes bound
	 * every write it accepts. Not for a template: it would let through requests Deno rejects.
	 */
	public static KvLimits kvConnectBackend() {
		int denokvTotal = DenoCliLimits.MAX_TOTAL_MUTATION_BYTES;
		return new KvLimits(DENO.maxWriteKeySize, DENO.maxReadKeySize, DENO.maxValueSize, DENO.maxReadRanges,
				DENO.maxReadEntries, DENO.maxChecks, DENO.maxMutations, 2 * denokvTotal, denokvTotal,
				DENO.maxWatchedKeys, DENO.maxQueueDelay, DENOKV_MAX_BACKOFF_INTERVALS, DENO.maxBackoffInterval,
				DenoCliLimits.MAX_READ_KEY_BYTES, true, DENO.maxClockSkew);
	}

	/** A copy with another check limit. */
	public KvLimits withMaxChecks(int maxChecks) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, maxChecks, this.maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval,
				this.maxCheckKeySize, this.allowEmptyKeys, this.maxClockSkew);
	}

	/** A copy with another mutation limit. */
	public KvLimits withMaxMutations(int maxMutations) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, this.maxChecks, maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval,
				this.maxCheckKeySize, this.allowEmptyKeys, this.maxClockSkew);
	}

	/** A copy with another value and payload size limit. */
	public KvLimits withMaxValueSize(int maxValueSize) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, maxValueSize, this.maxReadRanges,
				this.maxReadEntries, this.maxChecks, this.maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval,
				this.maxCheckKeySize, this.allowEmptyKeys, this.maxClockSkew);
	}

	/** A copy with another read key size limit (range bounds and watched keys). */
	public KvLimits withMaxReadKeySize(int maxReadKeySize) {
		return new KvLimits(this.maxWriteKeySize, maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, this.maxChecks, this.maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval,
				this.maxCheckKeySize, this.allowEmptyKeys, this.maxClockSkew);
	}

	/** A copy with another clock skew allowance for received enqueue deadlines. */
	public KvLimits withMaxClockSkew(Duration maxClockSkew) {
		return new KvLimits(this.maxWriteKeySize, this.maxReadKeySize, this.maxValueSize, this.maxReadRanges,
				this.maxReadEntries, this.maxChecks, this.maxMutations, this.maxTotalMutationSize, this.maxTotalKeySize,
				this.maxWatchedKeys, this.maxQueueDelay, this.maxBackoffIntervals, this.maxBackoffInterval,
				this.maxCheckKeySize, this.allowEmptyKeys, maxClockSkew);
	}

}
