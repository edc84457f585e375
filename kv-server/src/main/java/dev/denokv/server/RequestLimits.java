package dev.denokv.server;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.Check;
import com.deno.kv.datapath.Enqueue;
import com.deno.kv.datapath.Mutation;
import com.deno.kv.datapath.ReadRange;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import com.google.protobuf.ByteString;

import dev.denokv.handler.DenoCliLimits;

/**
 * The size and count limits of the {@code denokv} server (kv-format.md §7, server column), applied
 * to decoded requests before anything is read or written, with its exact 400 messages.
 *
 * <p>One deliberate difference: an atomic write may carry up to 100 checks, as Deno itself allows,
 * where denokv stops at 10. A Deno program that works on a local database then works here too.
 */
final class RequestLimits {

	// The numbers this server shares with the Deno CLI (kv-format.md §7 lists the same values in
	// both columns); only the messages differ.
	static final int MAX_WRITE_KEY_BYTES = DenoCliLimits.MAX_WRITE_KEY_BYTES;

	static final int MAX_READ_KEY_BYTES = DenoCliLimits.MAX_READ_KEY_BYTES;

	static final int MAX_VALUE_BYTES = DenoCliLimits.MAX_VALUE_BYTES;

	static final int MAX_READ_RANGES = DenoCliLimits.MAX_READ_RANGES;

	static final int MAX_READ_ENTRIES = DenoCliLimits.MAX_READ_ENTRIES;

	/** Deno's 100 rather than denokv's 10 (see the class comment). */
	static final int MAX_CHECKS = DenoCliLimits.MAX_CHECKS;

	static final int MAX_MUTATIONS = DenoCliLimits.MAX_MUTATIONS;

	static final int MAX_TOTAL_MUTATION_BYTES = DenoCliLimits.MAX_TOTAL_MUTATION_BYTES;

	static final int MAX_WATCHED_KEYS = DenoCliLimits.MAX_WATCHED_KEYS;

	static final long MAX_BACKOFF_MS = DenoCliLimits.MAX_BACKOFF_INTERVAL_MS;

	// The denokv server's own limits, which Deno does not have or sets differently.
	static final int MAX_UNDELIVERED_KEYS = 10;

	static final int MAX_BACKOFF_INTERVALS = 10;

	/** Deno's longest enqueue delay (30 days), plus a day of slack for clock differences. */
	static final long MAX_ENQUEUE_DELAY_MS = DenoCliLimits.MAX_QUEUE_DELAY_MS + 24L * 3600 * 1000;

	static final String KEY_TOO_LONG = "A key exceeds the key size limit.";

	static final String VALUE_TOO_LONG = "A value exceeds the value size limit.";

	private RequestLimits() {
	}

	static void check(SnapshotRead read) {
		if (read.getRangesCount() > MAX_READ_RANGES) {
			throw KvConnectError.badRequest("Too many read ranges requested in one read request.");
		}
		long totalLimit = 0;
		for (ReadRange r : read.getRangesList()) {
			if (r.getLimit() < 1) {
				throw KvConnectError.badRequest("The read range limit of the snapshot read request is invalid.");
			}
			checkKey(r.getStart(), MAX_READ_KEY_BYTES);
			checkKey(r.getEnd(), MAX_READ_KEY_BYTES);
			totalLimit += r.getLimit();
		}
		if (totalLimit > MAX_READ_ENTRIES) {
			throw KvConnectError.badRequest(
					"The total number of entries requested across read ranges in the read request is too large.");
		}
	}

	static void check(AtomicWrite write, long nowMs) {
		if (write.getChecksCount() > MAX_CHECKS) {
			throw KvConnectError.badRequest("Too many checks included in atomic write.");
		}
		if (write.getMutationsCount() + write.getEnqueuesCount() > MAX_MUTATIONS) {
			throw KvConnectError.badRequest("Too many mutations / enqueues included in atomic write.");
		}
		long total = 0;
		for (Check c : write.getChecksList()) {
			total += checkKey(c.getKey(), MAX_READ_KEY_BYTES);
		}
		for (Mutation m : write.getMutationsList()) {
			total += checkKey(m.getKey(), MAX_WRITE_KEY_BYTES);
			if (m.hasValue()) {
				total += checkValue(m.getValue().getData());
			}
		}
		for (Enqueue e : write.getEnqueuesList()) {
			total += checkValue(e.getPayload());
			if (e.getKeysIfUndeliveredCount() > MAX_UNDELIVERED_KEYS) {
				throw KvConnectError.badRequest("Too many dead letter keys for a single queue message.");
			}
			for (ByteString key : e.getKeysIfUndeliveredList()) {
				total += checkKey(key, MAX_WRITE_KEY_BYTES);
			}
			if (e.getBackoffScheduleCount() > MAX_BACKOFF_INTERVALS) {
				throw KvConnectError.badRequest("Too many backoff intervals for a single queue message.");
			}
			for (int interval : e.getBackoffScheduleList()) {
				if (Integer.toUnsignedLong(interval) > MAX_BACKOFF_MS) {
					throw KvConnectError.badRequest("A backoff interval exceeds the maximum allowed backoff interval.");
				}
				total += 4;
			}
			if (e.getDeadlineMs() < 0 || e.getDeadlineMs() - nowMs > MAX_ENQUEUE_DELAY_MS) {
				throw KvConnectError.badRequest("Invalid mutation enqueue deadline.");
			}
		}
		if (total > MAX_TOTAL_MUTATION_BYTES) {
			throw KvConnectError.badRequest("The total size of the atomic write is too large.");
		}
	}

	static void check(Watch watch) {
		if (watch.getKeysCount() > MAX_WATCHED_KEYS) {
			throw KvConnectError.badRequest("Too many keys watched in a single watch request.");
		}
		for (WatchKey k : watch.getKeysList()) {
			checkKey(k.getKey(), MAX_WRITE_KEY_BYTES);
		}
	}

	private static int checkKey(ByteString key, int max) {
		if (key.size() > max) {
			throw KvConnectError.badRequest(KEY_TOO_LONG);
		}
		return key.size();
	}

	private static int checkValue(ByteString value) {
		if (value.size() > MAX_VALUE_BYTES) {
			throw KvConnectError.badRequest(VALUE_TOO_LONG);
		}
		return value.size();
	}

}
