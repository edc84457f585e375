package dev.denokv.sqlite;

import java.util.List;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KeyLimits;

/**
 * Deno's limits (kv-format.md §7), checked by the handler before any I/O with Deno's exact messages,
 * as the last line of defence under whatever layer sits above (KvTemplate, the KV Connect server).
 * The totals are computed exactly as Deno's {@code op_kv_atomic_write} does.
 */
final class DenoLimits {

	static final int MAX_VALUE_BYTES = 65536;

	static final int MAX_READ_RANGES = 10;

	static final int MAX_READ_ENTRIES = 1000;

	static final int MAX_CHECKS = 100;

	static final int MAX_MUTATIONS = 1000;

	static final int MAX_TOTAL_MUTATION_BYTES = 819200;

	static final int MAX_TOTAL_KEY_BYTES = 81920;

	static final int MAX_WATCHED_KEYS = 10;

	static final int MAX_BACKOFF_INTERVALS = 5;

	static final int MAX_BACKOFF_INTERVAL_MS = 3_600_000;

	static final long MAX_DELAY_MS = 30L * 24 * 3600 * 1000;

	private DenoLimits() {
	}

	static void checkReads(List<ReadRange> ranges) {
		if (ranges.size() > MAX_READ_RANGES) {
			throw new KvInvalidArgumentException("Too many ranges (max " + MAX_READ_RANGES + ")");
		}
		long entries = 0;
		for (ReadRange range : ranges) {
			KeyLimits.checkReadKey(range.start());
			KeyLimits.checkReadKey(range.end());
			entries += range.limit();
		}
		if (entries > MAX_READ_ENTRIES) {
			throw new KvInvalidArgumentException("Too many entries (max " + MAX_READ_ENTRIES + ")");
		}
	}

	static void checkWatch(List<byte[]> keys) {
		if (keys.size() > MAX_WATCHED_KEYS) {
			throw new KvInvalidArgumentException("Too many keys (max " + MAX_WATCHED_KEYS + ")");
		}
		keys.forEach(KeyLimits::checkReadKey);
	}

	/**
	 * @param now the current time in ms, to check enqueue delays (Deno computes
	 * {@code deadline = now + delay} before this point, so {@code deadline - now <= delay})
	 */
	static void checkWrite(AtomicWrite write, long now) {
		if (write.checks().size() > MAX_CHECKS) {
			throw new KvInvalidArgumentException("Too many checks (max " + MAX_CHECKS + ")");
		}
		if (write.mutations().size() + write.enqueues().size() > MAX_MUTATIONS) {
			throw new KvInvalidArgumentException("Too many mutations (max " + MAX_MUTATIONS + ")");
		}
		long totalPayload = 0;
		long totalKeys = 0;
		for (Check check : write.checks()) {
			totalPayload += KeyLimits.checkWriteKey(check.key()).length;
		}
		for (Mutation mutation : write.mutations()) {
			totalPayload += KeyLimits.checkWriteKey(mutation.key()).length;
		}
		for (Mutation mutation : write.mutations()) {
			if (mutation.type() != MutationType.DELETE) {
				int keySize = mutation.key().length;
				int valueSize = mutation.value().data().length;
				if (valueSize > MAX_VALUE_BYTES) {
					throw new KvInvalidArgumentException("Value too large (max " + MAX_VALUE_BYTES + " bytes)");
				}
				totalPayload += valueSize + keySize;
				totalKeys += keySize;
			}
		}
		for (Enqueue enqueue : write.enqueues()) {
			totalPayload += checkEnqueue(enqueue, now);
		}
		if (totalPayload > MAX_TOTAL_MUTATION_BYTES) {
			throw new KvInvalidArgumentException(
					"Total mutation size too large (max " + MAX_TOTAL_MUTATION_BYTES + " bytes)");
		}
		if (totalKeys > MAX_TOTAL_KEY_BYTES) {
			throw new KvInvalidArgumentException("Total key size too large (max " + MAX_TOTAL_KEY_BYTES + " bytes)");
		}
	}

	/** @return the enqueue's share of the total mutation size */
	private static long checkEnqueue(Enqueue enqueue, long now) {
		if (enqueue.payload().length > MAX_VALUE_BYTES) {
			throw new KvInvalidArgumentException("enqueue payload too large (max " + MAX_VALUE_BYTES + " bytes)");
		}
		long delay = enqueue.deadlineMs() - now;
		if (delay > MAX_DELAY_MS) {
			throw new KvInvalidArgumentException("Delay cannot be greater than 30 days: received " + delay);
		}
		List<Integer> schedule = enqueue.backoffSchedule();
		if (schedule != null) {
			if (schedule.size() > MAX_BACKOFF_INTERVALS) {
				throw new KvInvalidArgumentException(
						"Invalid backoffSchedule, max " + MAX_BACKOFF_INTERVALS + " intervals allowed");
			}
			for (int i = 0; i < schedule.size(); i++) {
				Integer interval = schedule.get(i);
				if (interval == null || interval < 0 || interval > MAX_BACKOFF_INTERVAL_MS) {
					throw new KvInvalidArgumentException("Invalid backoffSchedule, interval at index " + i + " is invalid");
				}
			}
		}
		for (byte[] key : enqueue.keysIfUndelivered()) {
			KeyLimits.checkWriteKey(key);
		}
		return enqueue.payload().length + 4L * ((schedule != null) ? schedule.size() : 0);
	}

}
