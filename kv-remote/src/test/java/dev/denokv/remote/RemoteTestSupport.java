package dev.denokv.remote;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;

/** Small helpers shared by the remote handler tests. */
final class RemoteTestSupport {

	/** Fast retries so that fault tests stay short: 50 ms doubling, jitter 20 ms, deadline 5 s. */
	static final RemoteOptions.Retry FAST_RETRY = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0,
			Duration.ofSeconds(1), Duration.ofMillis(20), Duration.ofSeconds(5));

	static final RemoteOptions FAST = RemoteOptions.defaults()
		.withRetry(FAST_RETRY)
		.withRequestTimeout(Duration.ofSeconds(2))
		.withWatchIdleTimeout(Duration.ofSeconds(2));

	private RemoteTestSupport() {
	}

	/** An encoded key of one string part: {@code 02 <utf8> 00}. */
	static byte[] key(String name) {
		byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
		byte[] key = new byte[utf8.length + 2];
		key[0] = 0x02;
		System.arraycopy(utf8, 0, key, 1, utf8.length);
		return key;
	}

	static RawValue bytes(String text) {
		return RawValue.bytes(text.getBytes(StandardCharsets.UTF_8));
	}

	static AtomicWrite set(String key, String value) {
		return AtomicWrite.of(List.of(Mutation.set(key(key), bytes(value))));
	}

	static AtomicWrite sum(String key, long operand) {
		return AtomicWrite.of(List.of(new Mutation(key(key), dev.denokv.handler.MutationType.SUM,
				RawValue.u64(KvU64.of(operand)), 0)));
	}

	/** The value of one key as text, or {@code null}. */
	static String get(RemoteDatabaseHandler handler, String key, Consistency consistency) {
		List<RawEntry> entries = handler.snapshotRead(List.of(ReadRange.single(key(key))), consistency).get(0).entries();
		return entries.isEmpty() ? null : text(entries.get(0));
	}

	static String text(RawEntry entry) {
		return (entry != null) ? new String(entry.value().data(), StandardCharsets.UTF_8) : null;
	}

	/** Gaps in ms between consecutive arrivals. */
	static long[] gapsMillis(List<FaultServer.Recorded> requests) {
		long[] gaps = new long[requests.size() - 1];
		for (int i = 1; i < requests.size(); i++) {
			gaps[i - 1] = (requests.get(i).nanoTime() - requests.get(i - 1).nanoTime()) / 1_000_000;
		}
		return gaps;
	}

}
