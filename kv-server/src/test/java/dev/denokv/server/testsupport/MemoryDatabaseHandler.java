package dev.denokv.server.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * A small, fully synchronized in-memory {@link DatabaseHandler} for the server's tests: the
 * semantics of the SQLite backend (checks, set/delete, KvU64 sum/min/max, versionstamped keys,
 * expiry, queue, watch) without its storage. Sums of V8 numbers are not supported.
 */
public final class MemoryDatabaseHandler implements DatabaseHandler {

	private record Stored(RawValue value, Versionstamp versionstamp, long expireAtMs) {

		boolean expired(long now) {
			return this.expireAtMs > 0 && this.expireAtMs <= now;
		}

	}

	private final Object lock = new Object();

	private final NavigableMap<byte[], Stored> data = new TreeMap<>(Arrays::compareUnsigned);

	private final List<MemoryQueueMessage> queue = new ArrayList<>();

	private final Random random = new Random();

	private long version;

	private boolean closed;

	@Override
	public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
		synchronized (this.lock) {
			ensureOpen();
			List<ReadRangeOutput> out = new ArrayList<>();
			for (ReadRange r : ranges) {
				out.add(new ReadRangeOutput(read(r)));
			}
			return out;
		}
	}

	private List<RawEntry> read(ReadRange r) {
		List<RawEntry> entries = new ArrayList<>();
		if (Arrays.compareUnsigned(r.start(), r.end()) >= 0) {
			return entries;
		}
		NavigableMap<byte[], Stored> sub = this.data.subMap(r.start(), true, r.end(), false);
		long now = System.currentTimeMillis();
		for (var e : (r.reverse() ? sub.descendingMap() : sub).entrySet()) {
			if (entries.size() == r.limit()) {
				break;
			}
			if (!e.getValue().expired(now)) {
				entries.add(new RawEntry(e.getKey(), e.getValue().value(), e.getValue().versionstamp()));
			}
		}
		return entries;
	}

	private RawEntry get(byte[] key, long now) {
		Stored s = this.data.get(key);
		return (s == null || s.expired(now)) ? null : new RawEntry(key, s.value(), s.versionstamp());
	}

	@Override
	public CommitResult atomicWrite(AtomicWrite write) {
		synchronized (this.lock) {
			ensureOpen();
			long now = System.currentTimeMillis();
			List<Integer> failed = new ArrayList<>();
			for (int i = 0; i < write.checks().size(); i++) {
				Check c = write.checks().get(i);
				RawEntry current = get(c.key(), now);
				Versionstamp actual = (current != null) ? current.versionstamp() : null;
				if (!java.util.Objects.equals(actual, c.versionstamp())) {
					failed.add(i);
				}
			}
			if (!failed.isEmpty()) {
				return new CommitResult.CheckFailed(failed);
			}
			Versionstamp vs = Versionstamp.ofVersion(this.version + 1 + this.random.nextInt(9));
			// Stage every change first, so a failing mutation leaves nothing behind.
			Map<Key, Stored> staged = new HashMap<>();
			for (Mutation m : write.mutations()) {
				stage(m, vs, now, staged);
			}
			this.version = vs.version();
			staged.forEach((k, s) -> {
				if (s == null) {
					this.data.remove(k.bytes());
				}
				else {
					this.data.put(k.bytes(), s);
				}
			});
			for (Enqueue e : write.enqueues()) {
				this.queue.add(new MemoryQueueMessage(this, e, Math.max(e.deadlineMs(), now)));
			}
			this.lock.notifyAll();
			return new CommitResult.Committed(vs);
		}
	}

	private void stage(Mutation m, Versionstamp vs, long now, Map<Key, Stored> staged) {
		Key key = new Key(m.key());
		Stored current = staged.containsKey(key) ? staged.get(key) : this.data.get(m.key());
		if (current != null && current.expired(now)) {
			current = null;
		}
		switch (m.type()) {
			case SET -> staged.put(key, new Stored(m.value(), vs, m.hasExpiry() ? m.expireAtMs() : -1));
			case DELETE -> staged.put(key, null);
			case SET_SUFFIX_VERSIONSTAMPED_KEY -> {
				byte[] suffix = ("\u0002" + vs + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
				byte[] full = Arrays.copyOf(m.key(), m.key().length + suffix.length);
				System.arraycopy(suffix, 0, full, m.key().length, suffix.length);
				staged.put(new Key(full), new Stored(m.value(), vs, m.hasExpiry() ? m.expireAtMs() : -1));
			}
			default -> staged.put(key, new Stored(RawValue.u64(numeric(m, current)), vs, -1));
		}
	}

	private static KvU64 numeric(Mutation m, Stored current) {
		String op = m.type().name().toLowerCase(java.util.Locale.ROOT);
		if (m.value().encoding() != ValueEncoding.LE64) {
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
		}
		KvU64 operand = KvU64.fromLittleEndian(m.value().data());
		if (current == null) {
			return operand;
		}
		if (current.value().encoding() != ValueEncoding.LE64) {
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
		}
		KvU64 stored = KvU64.fromLittleEndian(current.value().data());
		return switch (m.type()) {
			case SUM -> KvU64.ofBits(stored.bits() + operand.bits());
			case MIN -> (stored.compareTo(operand) <= 0) ? stored : operand;
			default -> (stored.compareTo(operand) >= 0) ? stored : operand;
		};
	}

	@Override
	public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (true) {
				ensureOpen();
				long now = System.currentTimeMillis();
				MemoryQueueMessage due = this.queue.stream().filter((q) -> q.dueAtMs <= now).findFirst().orElse(null);
				if (due != null) {
					this.queue.remove(due);
					return due;
				}
				long waitMs = Math.min((deadline - System.nanoTime()) / 1_000_000, 50);
				if (waitMs <= 0) {
					return null;
				}
				this.lock.wait(waitMs);
			}
		}
	}

	void finish(MemoryQueueMessage message, boolean success) {
		synchronized (this.lock) {
			if (success || this.closed) {
				return;
			}
			List<Integer> backoff = message.enqueue.effectiveBackoffSchedule();
			if (message.attempt < backoff.size()) {
				message.dueAtMs = System.currentTimeMillis() + backoff.get(message.attempt++);
				this.queue.add(message);
			}
			else if (!message.enqueue.keysIfUndelivered().isEmpty()) {
				List<Mutation> writes = new ArrayList<>();
				message.enqueue.keysIfUndelivered().forEach((k) -> writes.add(Mutation.set(k, RawValue.v8(message.payload()))));
				atomicWrite(AtomicWrite.of(writes));
			}
			this.lock.notifyAll();
		}
	}

	/** How many messages wait in the queue (delivered ones excluded). */
	public int queuedMessages() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	@Override
	public WatchStream watch(List<byte[]> keys) {
		synchronized (this.lock) {
			ensureOpen();
			return new MemoryWatchStream(keys);
		}
	}

	@Override
	public String backendName() {
		return "memory";
	}

	@Override
	public void close() {
		synchronized (this.lock) {
			this.closed = true;
			this.lock.notifyAll();
		}
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new KvClosedException("Database closed");
		}
	}

	private record Key(byte[] bytes) {

		@Override
		public boolean equals(Object o) {
			return o instanceof Key k && Arrays.equals(this.bytes, k.bytes);
		}

		@Override
		public int hashCode() {
			return Arrays.hashCode(this.bytes);
		}

	}

	private static final class MemoryQueueMessage implements QueueMessage {

		private final MemoryDatabaseHandler owner;

		private final Enqueue enqueue;

		private long dueAtMs;

		private int attempt;

		MemoryQueueMessage(MemoryDatabaseHandler owner, Enqueue enqueue, long dueAtMs) {
			this.owner = owner;
			this.enqueue = enqueue;
			this.dueAtMs = dueAtMs;
		}

		@Override
		public byte[] payload() {
			return this.enqueue.payload();
		}

		@Override
		public void finish(boolean success) {
			this.owner.finish(this, success);
		}

	}

	private final class MemoryWatchStream implements WatchStream {

		private final List<byte[]> keys;

		private long seenVersion = -1;

		private boolean streamClosed;

		MemoryWatchStream(List<byte[]> keys) {
			this.keys = List.copyOf(keys);
		}

		@Override
		public List<RawEntry> poll(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			Object l = MemoryDatabaseHandler.this.lock;
			synchronized (l) {
				while (true) {
					if (this.streamClosed) {
						throw new KvClosedException("Watch closed");
					}
					ensureOpen();
					if (this.seenVersion != MemoryDatabaseHandler.this.version) {
						this.seenVersion = MemoryDatabaseHandler.this.version;
						long now = System.currentTimeMillis();
						List<RawEntry> snapshot = new ArrayList<>();
						this.keys.forEach((k) -> snapshot.add(get(k, now)));
						return snapshot;
					}
					long waitMs = (deadline - System.nanoTime()) / 1_000_000;
					if (waitMs <= 0) {
						return null;
					}
					l.wait(waitMs);
				}
			}
		}

		@Override
		public void close() {
			synchronized (MemoryDatabaseHandler.this.lock) {
				this.streamClosed = true;
				MemoryDatabaseHandler.this.lock.notifyAll();
			}
		}

	}

}
