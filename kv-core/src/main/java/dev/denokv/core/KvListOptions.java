package dev.denokv.core;

import java.util.Objects;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.Consistency;

/**
 * Options of {@link KvOperations#list}, Deno's {@code KvListOptions}. Immutable: every
 * {@code with}-style method returns a copy, starting from {@link #defaults()}.
 * <pre>{@code
 * KvListOptions.defaults().limit(20).cursor(previousPage.cursor()).reverse(true)
 * }</pre>
 */
public final class KvListOptions {

	/** Entries per batch when neither a batch size nor a limit is given (Deno's default). */
	public static final int DEFAULT_BATCH_SIZE = 100;

	/** Largest batch size chosen by default (from the limit); an explicit one may go up to 1000. */
	public static final int MAX_DEFAULT_BATCH_SIZE = 500;

	private static final KvListOptions DEFAULTS = new KvListOptions(false, null, null, null, Consistency.STRONG);

	private final boolean reverse;

	private final Integer limit;

	private final String cursor;

	private final Integer batchSize;

	private final Consistency consistency;

	private KvListOptions(boolean reverse, Integer limit, String cursor, Integer batchSize, Consistency consistency) {
		this.reverse = reverse;
		this.limit = limit;
		this.cursor = cursor;
		this.batchSize = batchSize;
		this.consistency = consistency;
	}

	/** Forward, no limit, no cursor, the default batch size, strong consistency. */
	public static KvListOptions defaults() {
		return DEFAULTS;
	}

	/** Descending key order when {@code true}. */
	public KvListOptions reverse(boolean reverse) {
		return new KvListOptions(reverse, this.limit, this.cursor, this.batchSize, this.consistency);
	}

	/**
	 * At most {@code limit} entries in total.
	 * @throws KvInvalidArgumentException unless positive ({@code "Limit must be a positive integer: received 0"})
	 */
	public KvListOptions limit(int limit) {
		if (limit <= 0) {
			throw new KvInvalidArgumentException("Limit must be a positive integer: received " + limit);
		}
		return new KvListOptions(this.reverse, limit, this.cursor, this.batchSize, this.consistency);
	}

	/**
	 * Resume after (or, in reverse, before) the entry this cursor was taken at. The cursor must come
	 * from a list with the same selector; cursors made by Deno work too. {@code null} or an empty
	 * string means none.
	 */
	public KvListOptions cursor(String cursor) {
		String c = (cursor == null || cursor.isEmpty()) ? null : cursor;
		return new KvListOptions(this.reverse, this.limit, c, this.batchSize, this.consistency);
	}

	/**
	 * Entries per read. Each batch is one snapshot; there is no snapshot across batches.
	 * @throws KvInvalidArgumentException unless positive ({@code "batchSize must be a positive integer: received 0"});
	 * a batch size over 1000 is rejected by {@link KvOperations#list} with {@code "Too many entries (max 1000)"}
	 */
	public KvListOptions batchSize(int batchSize) {
		if (batchSize <= 0) {
			throw new KvInvalidArgumentException("batchSize must be a positive integer: received " + batchSize);
		}
		return new KvListOptions(this.reverse, this.limit, this.cursor, batchSize, this.consistency);
	}

	/** Read consistency of every batch. */
	public KvListOptions consistency(Consistency consistency) {
		return new KvListOptions(this.reverse, this.limit, this.cursor, this.batchSize,
				Objects.requireNonNull(consistency, "consistency"));
	}

	public boolean isReverse() {
		return this.reverse;
	}

	/** The limit, or {@code null} for none. */
	public Integer getLimit() {
		return this.limit;
	}

	/** The cursor, or {@code null} for none. */
	public String getCursor() {
		return this.cursor;
	}

	/** The explicit batch size, or {@code null} when defaulted. */
	public Integer getBatchSize() {
		return this.batchSize;
	}

	public Consistency getConsistency() {
		return this.consistency;
	}

	/**
	 * The batch size used: the explicit one, else the limit capped at
	 * {@value #MAX_DEFAULT_BATCH_SIZE}, else {@value #DEFAULT_BATCH_SIZE} (Deno's rule).
	 */
	public int effectiveBatchSize() {
		if (this.batchSize != null) {
			return this.batchSize;
		}
		return (this.limit != null) ? Math.min(this.limit, MAX_DEFAULT_BATCH_SIZE) : DEFAULT_BATCH_SIZE;
	}

	@Override
	public String toString() {
		return "KvListOptions[reverse=" + this.reverse + ", limit=" + this.limit + ", cursor=" + this.cursor
				+ ", batchSize=" + this.batchSize + ", consistency=" + this.consistency + "]";
	}

}
