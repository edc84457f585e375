package dev.denokv.sqlite;

import java.util.List;

import dev.denokv.core.KvLimits;
import dev.denokv.core.KvRequestValidator;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.DenoCliLimits;
import dev.denokv.handler.ReadRange;

/**
 * Deno's limits (kv-format.md §7), checked by the handler before any I/O with Deno's exact messages,
 * as the last line of defence under whatever layer sits above (KvTemplate, the KV Connect server).
 * The checks and messages are KvTemplate's own ({@link KvRequestValidator} with
 * {@link KvLimits#deno()}), so the two layers cannot drift apart; the totals are computed exactly as
 * Deno's {@code op_kv_atomic_write} does.
 */
final class DenoLimits {

	/** The most ranges of one read (statements are prepared per range count up to this). */
	static final int MAX_READ_RANGES = DenoCliLimits.MAX_READ_RANGES;

	private static final KvRequestValidator DENO = new KvRequestValidator(KvLimits.deno());

	private DenoLimits() {
	}

	static void checkReads(List<ReadRange> ranges) {
		DENO.checkReadRangeCount(ranges.size());
		long entries = 0;
		for (ReadRange range : ranges) {
			DENO.checkReadKey(range.start());
			DENO.checkReadKey(range.end());
			entries += range.limit();
		}
		DENO.checkReadEntries(entries);
	}

	static void checkWatch(List<byte[]> keys) {
		DENO.checkWatchKeys(keys);
	}

	/**
	 * @param now the current time in ms, to check enqueue delays (Deno computes
	 * {@code deadline = now + delay} before this point, so {@code deadline - now <= delay})
	 */
	static void checkWrite(AtomicWrite write, long now) {
		DENO.checkReceivedAtomicWrite(write, now);
	}

}
