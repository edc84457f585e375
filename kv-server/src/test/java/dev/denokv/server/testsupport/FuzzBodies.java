package dev.denokv.server.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.Check;
import com.deno.kv.datapath.Enqueue;
import com.deno.kv.datapath.KvValue;
import com.deno.kv.datapath.Mutation;
import com.deno.kv.datapath.ReadRange;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import com.google.protobuf.ByteString;

/**
 * Request bodies for fuzzing the data path, from a seeded {@link Random}: a third pure random bytes,
 * a third mutations of valid bodies (bit flips, overwrites, insertions, deletions, truncations,
 * splices), and a third structurally valid messages with hostile field values (out-of-range limits,
 * unknown enums, odd versionstamp lengths, oversize keys and values, negative deadlines...).
 */
public final class FuzzBodies {

	private static final int[] VALID_TYPES = { 1, 2, 3, 4, 5, 9 };

	private final Random random;

	private final List<byte[]> seeds;

	private final Function<Random, byte[]> structured;

	private FuzzBodies(Random random, List<byte[]> seeds, Function<Random, byte[]> structured) {
		this.random = random;
		this.seeds = seeds;
		this.structured = structured;
	}

	public static FuzzBodies snapshotRead(long seed, List<byte[]> seeds) {
		return new FuzzBodies(new Random(seed), seeds, FuzzBodies::randomSnapshotRead);
	}

	public static FuzzBodies atomicWrite(long seed, List<byte[]> seeds) {
		return new FuzzBodies(new Random(seed), seeds, FuzzBodies::randomAtomicWrite);
	}

	public static FuzzBodies watch(long seed) {
		Random r = new Random(seed ^ 0x5eed);
		List<byte[]> seeds = List.of(randomWatch(r).toByteArray(), randomWatch(r).toByteArray());
		return new FuzzBodies(new Random(seed), seeds, (rnd) -> randomWatch(rnd).toByteArray());
	}

	/** The next body (not thread-safe: one generator per thread). */
	public byte[] next() {
		return switch (this.random.nextInt(3)) {
			case 0 -> bytes(this.random, this.random.nextInt(4) == 0 ? this.random.nextInt(4096) : this.random.nextInt(64));
			case 1 -> mutate(this.seeds.get(this.random.nextInt(this.seeds.size())));
			default -> this.structured.apply(this.random);
		};
	}

	private byte[] mutate(byte[] seed) {
		byte[] b = seed.clone();
		int rounds = 1 + this.random.nextInt(4);
		for (int i = 0; i < rounds; i++) {
			int pos = b.length == 0 ? 0 : this.random.nextInt(b.length);
			switch (this.random.nextInt(6)) {
				case 0 -> {
					if (b.length > 0) {
						b[pos] ^= (byte) (1 << this.random.nextInt(8));
					}
				}
				case 1 -> {
					if (b.length > 0) {
						b[pos] = (byte) this.random.nextInt(256);
					}
				}
				case 2 -> b = splice(b, pos, pos, bytes(this.random, 1 + this.random.nextInt(8)));
				case 3 -> b = splice(b, pos, Math.min(b.length, pos + 1 + this.random.nextInt(8)), new byte[0]);
				case 4 -> b = Arrays.copyOf(b, pos);
				default -> {
					byte[] other = this.seeds.get(this.random.nextInt(this.seeds.size()));
					int from = other.length == 0 ? 0 : this.random.nextInt(other.length);
					b = splice(b, pos, b.length, Arrays.copyOfRange(other, from, other.length));
				}
			}
		}
		return b;
	}

	private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
		byte[] out = new byte[b.length - (to - from) + insert.length];
		System.arraycopy(b, 0, out, 0, from);
		System.arraycopy(insert, 0, out, from, insert.length);
		System.arraycopy(b, to, out, from + insert.length, b.length - to);
		return out;
	}

	private static byte[] bytes(Random r, int length) {
		byte[] b = new byte[length];
		r.nextBytes(b);
		return b;
	}

	/** Mostly short valid keys from a small pool (so writes meet earlier data), sometimes junk. */
	private static ByteString key(Random r) {
		return switch (r.nextInt(8)) {
			case 0 -> ByteString.copyFrom(bytes(r, r.nextInt(16)));
			case 1 -> ByteString.copyFrom(bytes(r, r.nextInt(10) == 0 ? 2040 + r.nextInt(20) : r.nextInt(40)));
			case 2 -> ByteString.EMPTY;
			default -> ByteString.copyFrom(new byte[] { 2, (byte) ('a' + r.nextInt(6)), 0 });
		};
	}

	private static int limit(Random r) {
		return switch (r.nextInt(6)) {
			case 0 -> r.nextInt();
			case 1 -> 0;
			case 2 -> -1;
			case 3 -> Integer.MAX_VALUE;
			default -> 1 + r.nextInt(200);
		};
	}

	private static byte[] randomSnapshotRead(Random r) {
		SnapshotRead.Builder b = SnapshotRead.newBuilder();
		int n = r.nextInt(13);
		for (int i = 0; i < n; i++) {
			b.addRanges(ReadRange.newBuilder().setStart(key(r)).setEnd(r.nextBoolean() ? key(r) : ByteString.copyFrom(new byte[] { (byte) 0xff }))
				.setLimit(limit(r)).setReverse(r.nextBoolean()));
		}
		return b.build().toByteArray();
	}

	private static long anyLong(Random r, long typical) {
		return switch (r.nextInt(6)) {
			case 0 -> r.nextLong();
			case 1 -> -1;
			case 2 -> -2;
			case 3 -> Long.MAX_VALUE;
			case 4 -> 0;
			default -> typical;
		};
	}

	private static byte[] randomAtomicWrite(Random r) {
		AtomicWrite.Builder b = AtomicWrite.newBuilder();
		int checks = r.nextInt(4) == 0 ? r.nextInt(120) : r.nextInt(3);
		for (int i = 0; i < checks; i++) {
			int vsLength = switch (r.nextInt(4)) {
				case 0 -> (r.nextInt(4) == 0) ? r.nextInt(13) : 0;
				case 1 -> 0;
				default -> 10;
			};
			b.addChecks(Check.newBuilder().setKey(key(r)).setVersionstamp(ByteString.copyFrom(bytes(r, vsLength))));
		}
		int mutations = r.nextInt(6);
		long now = System.currentTimeMillis();
		for (int i = 0; i < mutations; i++) {
			int type = (r.nextInt(10) == 0) ? r.nextInt(11) : VALID_TYPES[r.nextInt(VALID_TYPES.length)];
			Mutation.Builder m = Mutation.newBuilder().setKey(key(r)).setMutationTypeValue(type)
				.setExpireAtMs(r.nextBoolean() ? 0 : anyLong(r, now + r.nextInt(100_000)));
			if (r.nextInt(5) != 0) {
				int encoding = r.nextInt(6) == 0 ? r.nextInt(6) : 1 + r.nextInt(3);
				int length = (encoding == 2 && r.nextBoolean()) ? 8 : (r.nextInt(20) == 0 ? 65530 + r.nextInt(10) : r.nextInt(24));
				byte[] data = bytes(r, length);
				if (encoding == 1 && length > 2 && r.nextBoolean()) {
					data[0] = (byte) 0xff;
					data[1] = 0x0f;
				}
				m.setValue(KvValue.newBuilder().setEncodingValue(encoding).setData(ByteString.copyFrom(data)));
			}
			if (r.nextInt(30) == 0) {
				m.setSumMin(ByteString.copyFrom(bytes(r, 3))).setSumClamp(r.nextBoolean());
			}
			b.addMutations(m);
		}
		int enqueues = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
		for (int i = 0; i < enqueues; i++) {
			Enqueue.Builder e = Enqueue.newBuilder().setPayload(ByteString.copyFrom(bytes(r, r.nextInt(32))))
				.setDeadlineMs(r.nextBoolean() ? now + r.nextInt(1000) : anyLong(r, now));
			int keys = r.nextInt(4) == 0 ? r.nextInt(12) : r.nextInt(2);
			for (int k = 0; k < keys; k++) {
				e.addKeysIfUndelivered(key(r));
			}
			int backoff = r.nextInt(4) == 0 ? r.nextInt(12) : r.nextInt(3);
			for (int k = 0; k < backoff; k++) {
				e.addBackoffSchedule((r.nextInt(10) != 0) ? r.nextInt(5000) : r.nextInt());
			}
			b.addEnqueues(e);
		}
		return b.build().toByteArray();
	}

	private static Watch randomWatch(Random r) {
		Watch.Builder b = Watch.newBuilder();
		int n = r.nextInt(12);
		for (int i = 0; i < n; i++) {
			b.addKeys(WatchKey.newBuilder().setKey(key(r)));
		}
		return b.build();
	}

}
