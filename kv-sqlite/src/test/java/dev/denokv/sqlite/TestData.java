package dev.denokv.sqlite;

import java.util.HexFormat;
import java.util.List;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KvKey;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;

/** Small helpers for building keys, values and requests in tests. */
final class TestData {

	static final HexFormat HEX = HexFormat.of();

	private TestData() {
	}

	static byte[] key(Object... parts) {
		return KvKey.of(parts).encode();
	}

	/** A V8 "string" value: {@code ff 0f 22 <len> <latin1>} (short strings only). */
	static RawValue v8String(String s) {
		byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		byte[] out = new byte[4 + bytes.length];
		out[0] = (byte) 0xff;
		out[1] = 0x0f;
		out[2] = 0x22;
		out[3] = (byte) bytes.length;
		System.arraycopy(bytes, 0, out, 4, bytes.length);
		return RawValue.v8(out);
	}

	static RawValue u64(long v) {
		return RawValue.u64(KvU64.ofBits(v));
	}

	static CommitResult.Committed set(DatabaseHandler h, byte[] key, RawValue value) {
		return (CommitResult.Committed) h.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key, value))));
	}

	static RawEntry get(DatabaseHandler h, byte[] key) {
		List<RawEntry> entries = h.snapshotRead(List.of(ReadRange.single(key)), Consistency.STRONG).get(0).entries();
		return entries.isEmpty() ? null : entries.get(0);
	}

	/** Every entry under {@code prefix} ({@code [P ++ 00, P ++ ff)}), at most 1000. */
	static List<RawEntry> list(DatabaseHandler h, byte[] prefix) {
		byte[] start = java.util.Arrays.copyOf(prefix, prefix.length + 1);
		byte[] end = java.util.Arrays.copyOf(prefix, prefix.length + 1);
		end[prefix.length] = (byte) 0xff;
		return h.snapshotRead(List.of(new ReadRange(start, end, 1000, false)), Consistency.STRONG).get(0).entries();
	}

}
