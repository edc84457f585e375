package dev.denokv.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * A small in-memory key-value store behind {@link FaultServer}: ranges, checks, set, delete and the
 * KvU64 sum/min/max, with versionstamps that grow by one per commit. Enough to observe what the
 * client sends and whether a write was applied once or twice. Thread-safe.
 */
final class MemoryStore {

	private final NavigableMap<byte[], RawEntry> data = new TreeMap<>(Arrays::compareUnsigned);

	private long version;

	private int commits;

	synchronized List<ReadRangeOutput> read(List<ReadRange> ranges) {
		List<ReadRangeOutput> outputs = new ArrayList<>();
		for (ReadRange range : ranges) {
			NavigableMap<byte[], RawEntry> slice = (Arrays.compareUnsigned(range.start(), range.end()) < 0)
					? this.data.subMap(range.start(), true, range.end(), false) : new TreeMap<>();
			if (range.reverse()) {
				slice = slice.descendingMap();
			}
			outputs.add(new ReadRangeOutput(slice.values().stream().limit(range.limit()).toList()));
		}
		return outputs;
	}

	synchronized CommitResult write(AtomicWrite write) {
		List<Integer> failed = new ArrayList<>();
		for (int i = 0; i < write.checks().size(); i++) {
			Check check = write.checks().get(i);
			RawEntry current = this.data.get(check.key());
			Versionstamp actual = (current != null) ? current.versionstamp() : null;
			if (!java.util.Objects.equals(actual, check.versionstamp())) {
				failed.add(i);
			}
		}
		if (!failed.isEmpty()) {
			return new CommitResult.CheckFailed(failed);
		}
		Versionstamp stamp = Versionstamp.ofVersion(this.version + 1);
		NavigableMap<byte[], RawEntry> staged = new TreeMap<>(this.data);
		for (Mutation m : write.mutations()) {
			RawEntry current = staged.get(m.key());
			switch (m.type()) {
				case SET -> staged.put(m.key(), new RawEntry(m.key(), m.value(), stamp));
				case DELETE -> staged.remove(m.key());
				case SUM, MIN, MAX -> staged.put(m.key(), new RawEntry(m.key(), numeric(m, current), stamp));
				default -> throw new IllegalArgumentException("unsupported in the test store: " + m.type());
			}
		}
		this.data.clear();
		this.data.putAll(staged);
		this.version++;
		this.commits++;
		notifyAll();
		return new CommitResult.Committed(stamp);
	}

	private static RawValue numeric(Mutation m, RawEntry current) {
		String op = m.type().name().toLowerCase(java.util.Locale.ROOT);
		if (m.value().encoding() != ValueEncoding.LE64) {
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
		}
		if (current == null) {
			return m.value();
		}
		if (current.value().encoding() != ValueEncoding.LE64) {
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
		}
		KvU64 a = KvU64.fromLittleEndian(current.value().data());
		KvU64 b = KvU64.fromLittleEndian(m.value().data());
		KvU64 result = switch (m.type()) {
			case SUM -> KvU64.ofBits(a.bits() + b.bits());
			case MIN -> (a.compareTo(b) <= 0) ? a : b;
			default -> (a.compareTo(b) >= 0) ? a : b;
		};
		return RawValue.u64(result);
	}

	/** The current entry (or {@code null}) of each key. */
	synchronized List<RawEntry> snapshot(List<byte[]> keys) {
		List<RawEntry> out = new ArrayList<>();
		keys.forEach((k) -> out.add(this.data.get(k)));
		return out;
	}

	synchronized long version() {
		return this.version;
	}

	/** How many writes were committed. */
	synchronized int commits() {
		return this.commits;
	}

	/** Waits up to {@code millis} for a commit after {@code seen}. */
	synchronized void awaitChange(long seen, long millis) throws InterruptedException {
		long end = System.nanoTime() + millis * 1_000_000;
		while (this.version == seen) {
			long left = (end - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				return;
			}
			wait(left);
		}
	}

}
