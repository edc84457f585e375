package dev.denokv.sqlite;

import java.util.List;

import dev.denokv.core.KvLimits;
import dev.denokv.core.KvRequestValidator;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.ReadRange;

/**
 * The handler's request limits ({@link SqliteOptions#limits()}, Deno's by default; kv-format.md §7),
 * checked before any I/O with Deno's exact messages, as the last line of defence under whatever
 * layer sits above (KvTemplate, the KV Connect server). The checks and messages are KvTemplate's
 * own ({@link KvRequestValidator}), so the two layers cannot drift apart; the totals are computed
 * exactly as Deno's {@code op_kv_atomic_write} does. Thread-safe.
 */
final class HandlerLimits {

	private final KvRequestValidator validator;

	HandlerLimits(KvLimits limits) {
		this.validator = new KvRequestValidator(limits);
	}

	void checkReads(List<ReadRange> ranges) {
		this.validator.checkReadRangeCount(ranges.size());
		long entries = 0;
		for (ReadRange range : ranges) {
			this.validator.checkReadKey(range.start());
			this.validator.checkReadKey(range.end());
			entries += range.limit();
		}
		this.validator.checkReadEntries(entries);
	}

	void checkWatch(List<byte[]> keys) {
		this.validator.checkWatchKeys(keys);
	}

	/**
	 * @param now this machine's time in ms, to check enqueue deadlines (the sender computed
	 * {@code deadline = its now + delay}; {@link KvLimits#maxClockSkew()} allows for its clock
	 * running ahead of this one)
	 */
	void checkWrite(AtomicWrite write, long now) {
		this.validator.checkReceivedAtomicWrite(write, now);
	}

}
