package dev.denokv.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deno's limits and messages (kv-format.md §7, vectors/rejects.jsonl), checked without I/O. */
class KvRequestValidatorTests {

	private final KvRequestValidator validator = new KvRequestValidator(KvLimits.deno());

	private static final byte[] KEY = { 0x02, 'k', 0x00 };

	@Test
	void readKeysUpTo2049Bytes() {
		this.validator.checkReadKey(new byte[2049]);
		assertRejected(() -> this.validator.checkReadKey(new byte[2050]), "Key too large for read (max 2049 bytes)");
	}

	@Test
	void writeKeysNotEmptyAndUpTo2048Bytes() {
		assertThat(this.validator.checkWriteKey(new byte[2048])).isEqualTo(2048);
		assertRejected(() -> this.validator.checkWriteKey(new byte[2049]), "Key too large for write (max 2048 bytes)");
		assertRejected(() -> this.validator.checkWriteKey(new byte[0]), "key cannot be empty");
	}

	@Test
	void rangeEntryAndWatchCounts() {
		this.validator.checkReadRangeCount(10);
		assertRejected(() -> this.validator.checkReadRangeCount(11), "Too many ranges (max 10)");
		this.validator.checkReadEntries(1000);
		assertRejected(() -> this.validator.checkReadEntries(1001), "Too many entries (max 1000)");
		this.validator.checkWatchKeys(Collections.nCopies(10, KEY));
		assertRejected(() -> this.validator.checkWatchKeys(Collections.nCopies(11, KEY)), "Too many keys (max 10)");
		assertRejected(() -> this.validator.checkWatchKeys(List.of(new byte[2050])),
				"Key too large for read (max 2049 bytes)");
	}

	@Test
	void expireInIsANonNegativeWholeNumberOfMilliseconds() {
		assertThat(this.validator.expireAt(Duration.ZERO, 1000)).isEqualTo(1000);
		assertThat(this.validator.expireAt(Duration.ofSeconds(2), 1000)).isEqualTo(3000);
		assertRejected(() -> this.validator.expireAt(Duration.ofMillis(-1), 0),
				"expireIn must be a non-negative integer: received -1");
		assertRejected(() -> this.validator.expireAt(Duration.ofNanos(1_500_000), 0),
				"expireIn must be a non-negative integer: received 1.5");
		assertThat(this.validator.expireAt(null, 1000)).isZero();
		this.validator.checkExpireIn(null);
		// The message check alone leaves the size to commit time, as Deno's JavaScript side does.
		this.validator.checkExpireIn(Duration.ofMillis(Long.MAX_VALUE));
		assertRejected(() -> this.validator.checkExpireIn(Duration.ofMillis(-1)),
				"expireIn must be a non-negative integer: received -1");
	}

	@Test
	void expireAtIsAtMostTheLatestInstantDenoRepresents() {
		// Deno 2.9.5: set(["k"], 1, {expireIn}) fails once now + expireIn > 8210266876799999, and
		// the message names expireIn (as a u64), not the sum.
		long max = 8_210_266_876_799_999L;
		long now = 1_700_000_000_000L;
		assertThat(this.validator.expireAt(Duration.ofMillis(max - now), now)).isEqualTo(max);
		assertRejected(() -> this.validator.expireAt(Duration.ofMillis(max - now + 1), now),
				"Invalid mutation: expireIn is too large: " + (max - now + 1));
		assertRejected(() -> this.validator.expireAt(Duration.ofMillis(9_000_000_000_000_000L), now),
				"Invalid mutation: expireIn is too large: 9000000000000000");
		assertRejected(() -> this.validator.expireAt(Duration.ofMillis(Long.MAX_VALUE), 10),
				"Invalid mutation: expireIn is too large: " + Long.MAX_VALUE);
		// Deno saturates at 2^64 - 1 (1e300 prints 18446744073709551615).
		assertRejected(() -> this.validator.expireAt(Duration.ofSeconds(Long.MAX_VALUE), 10),
				"Invalid mutation: expireIn is too large: 18446744073709551615");
	}

	@Test
	void delayFromZeroTo30Days() {
		assertThat(this.validator.deliveryTime(Duration.ofDays(30), 5)).isEqualTo(5 + 2_592_000_000L);
		assertThat(this.validator.deliveryTime(null, 5)).isEqualTo(5);
		assertRejected(() -> this.validator.deliveryTime(Duration.ofDays(30).plusMillis(1), 0),
				"Delay cannot be greater than 30 days: received 2592000001");
		assertRejected(() -> this.validator.deliveryTime(Duration.ofMillis(-1), 0), "Delay must be >= 0: received -1");
	}

	@Test
	void backoffScheduleUpTo5IntervalsOfAtMostAnHour() {
		assertThat(this.validator.backoffScheduleMillis(null)).isNull();
		assertThat(this.validator.backoffScheduleMillis(List.of())).isEmpty();
		assertThat(this.validator.backoffScheduleMillis(Collections.nCopies(5, Duration.ofHours(1))))
			.containsOnly(3_600_000);
		assertRejected(() -> this.validator.backoffScheduleMillis(Collections.nCopies(6, Duration.ofMillis(1))),
				"Invalid backoffSchedule, max 5 intervals allowed");
		assertRejected(() -> this.validator.backoffScheduleMillis(List.of(Duration.ofHours(1).plusMillis(1))),
				"Invalid backoffSchedule, interval at index 0 is invalid");
		assertRejected(() -> this.validator.backoffScheduleMillis(List.of(Duration.ZERO, Duration.ofMillis(-1))),
				"Invalid backoffSchedule, interval at index 1 is invalid");
	}

	@Test
	void backoffIntervalsWithAFractionAreTruncatedAsDenoDoes() {
		// Deno: enqueue(1, { backoffSchedule: [1.5, 2.9] }) stores backoff_schedule "[1,2]".
		assertThat(this.validator.backoffScheduleMillis(List.of(Duration.ofNanos(1_500_000), Duration.ofNanos(2_900_000))))
			.containsExactly(1, 2);
		assertThat(this.validator.backoffScheduleMillis(List.of(Duration.ofNanos(1)))).containsExactly(0);
		// The bounds apply to the exact value, before truncation: 3600000.5 and -0.5 are invalid.
		assertRejected(() -> this.validator.backoffScheduleMillis(List.of(Duration.ofHours(1).plusNanos(500_000))),
				"Invalid backoffSchedule, interval at index 0 is invalid");
		assertRejected(() -> this.validator.backoffScheduleMillis(List.of(Duration.ofNanos(-500_000))),
				"Invalid backoffSchedule, interval at index 0 is invalid");
	}

	@Test
	void aReceivedWriteHasItsEnqueueDeadlinesAndSchedulesChecked() {
		long now = 1_000_000;
		// 30 days plus a day for a sender whose clock runs ahead (KvLimits.maxClockSkew).
		long latestMs = 2_592_000_000L + 86_400_000L;
		Enqueue latest = new Enqueue(new byte[1], now + latestMs, List.of(), List.of(0, 3_600_000));
		this.validator.checkReceivedAtomicWrite(new AtomicWrite(List.of(), List.of(), List.of(latest)), now);
		Enqueue tooLate = new Enqueue(new byte[1], now + latestMs + 1, List.of(), null);
		assertRejected(() -> this.validator.checkReceivedAtomicWrite(
				new AtomicWrite(List.of(), List.of(), List.of(tooLate)), now),
				"Delay cannot be greater than 30 days: received " + (latestMs + 1));
		KvRequestValidator noSkew = new KvRequestValidator(KvLimits.deno().withMaxClockSkew(Duration.ZERO));
		Enqueue pastThirtyDays = new Enqueue(new byte[1], now + 2_592_000_001L, List.of(), null);
		assertRejected(() -> noSkew.checkReceivedAtomicWrite(
				new AtomicWrite(List.of(), List.of(), List.of(pastThirtyDays)), now),
				"Delay cannot be greater than 30 days: received 2592000001");
		Enqueue sixIntervals = new Enqueue(new byte[1], now, List.of(), Collections.nCopies(6, 1));
		assertRejected(() -> this.validator.checkReceivedAtomicWrite(
				new AtomicWrite(List.of(), List.of(), List.of(sixIntervals)), now),
				"Invalid backoffSchedule, max 5 intervals allowed");
		Enqueue longInterval = new Enqueue(new byte[1], now, List.of(), List.of(1, 3_600_001));
		assertRejected(() -> this.validator.checkReceivedAtomicWrite(
				new AtomicWrite(List.of(), List.of(), List.of(longInterval)), now),
				"Invalid backoffSchedule, interval at index 1 is invalid");
		// A template's own write was checked when it was enqueued, so its deadline is not looked at again.
		this.validator.checkAtomicWrite(new AtomicWrite(List.of(), List.of(), List.of(tooLate)));
	}

	@Test
	void checksAndMutationsAreCounted() {
		List<Check> checks = Collections.nCopies(100, new Check(KEY, null));
		this.validator.checkAtomicWrite(new AtomicWrite(checks, List.of(), List.of()));
		assertRejected(() -> this.validator.checkAtomicWrite(
				new AtomicWrite(Collections.nCopies(101, new Check(KEY, null)), List.of(), List.of())),
				"Too many checks (max 100)");
		Mutation delete = Mutation.delete(KEY);
		Enqueue enqueue = new Enqueue(new byte[] { 1 }, 0, List.of(), null);
		this.validator.checkAtomicWrite(new AtomicWrite(List.of(), Collections.nCopies(999, delete), List.of(enqueue)));
		assertRejected(() -> this.validator.checkAtomicWrite(
				new AtomicWrite(List.of(), Collections.nCopies(1000, delete), List.of(enqueue))),
				"Too many mutations (max 1000)");
		assertRejected(() -> new KvRequestValidator(KvLimits.denokvServer()).checkAtomicWrite(
				new AtomicWrite(Collections.nCopies(11, new Check(KEY, null)), List.of(), List.of())),
				"Too many checks (max 10)");
	}

	@Test
	void countsComeBeforeKeysAsInDeno() {
		List<Check> checks = Collections.nCopies(101, new Check(new byte[0], null));
		assertRejected(() -> this.validator.checkAtomicWrite(new AtomicWrite(checks, List.of(), List.of())),
				"Too many checks (max 100)");
	}

	@Test
	void keysValuesAndPayloadsAreSized() {
		assertRejected(() -> atomic(new Mutation(new byte[0], MutationType.SET, RawValue.bytes(new byte[1]), 0)),
				"key cannot be empty");
		assertRejected(() -> this.validator.checkAtomicWrite(new AtomicWrite(List.of(new Check(new byte[2049], null)),
				List.of(), List.of())), "Key too large for write (max 2048 bytes)");
		assertRejected(() -> atomic(Mutation.set(KEY, RawValue.bytes(new byte[65537]))),
				"Value too large (max 65536 bytes)");
		atomic(Mutation.set(KEY, RawValue.bytes(new byte[65536])));
		atomic(new Mutation(KEY, MutationType.SUM, RawValue.u64(KvU64.of(1)), 0));
		assertRejected(() -> this.validator.checkAtomicWrite(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(new byte[65537], 0, List.of(), null)))),
				"enqueue payload too large (max 65536 bytes)");
		assertRejected(() -> this.validator.checkAtomicWrite(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(new byte[1], 0, List.of(new byte[0]), null)))), "key cannot be empty");
	}

	@Test
	void totalMutationSizeIsCountedAsDenoDoes() {
		// Each set counts its key twice plus its value: 13 sets of (3 + 3 + 65000) = 845,078 > 819,200.
		List<Mutation> mutations = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			mutations.add(Mutation.set(new byte[] { 0x02, (byte) ('a' + i), 0x00 }, RawValue.bytes(new byte[65000])));
		}
		this.validator.checkAtomicWrite(AtomicWrite.of(mutations));
		mutations.add(Mutation.set(KEY, RawValue.bytes(new byte[65000])));
		assertRejected(() -> this.validator.checkAtomicWrite(AtomicWrite.of(mutations)),
				"Total mutation size too large (max 819200 bytes)");
	}

	@Test
	void totalKeySizeIsLimitedTo80KiB() {
		// 41 sets with 2000-byte keys and 1-byte values: keys total 82,000 > 81,920, payload 164,041 < 819,200.
		List<Mutation> mutations = new ArrayList<>();
		for (int i = 0; i < 41; i++) {
			byte[] key = new byte[2000];
			key[0] = 0x01;
			key[1] = (byte) i;
			mutations.add(Mutation.set(key, RawValue.bytes(new byte[1])));
		}
		assertRejected(() -> this.validator.checkAtomicWrite(AtomicWrite.of(mutations)),
				"Total key size too large (max 81920 bytes)");
		this.validator.checkAtomicWrite(AtomicWrite.of(mutations.subList(0, 40)));
	}

	private void atomic(Mutation mutation) {
		this.validator.checkAtomicWrite(AtomicWrite.of(List.of(mutation)));
	}

	private static void assertRejected(Runnable call, String message) {
		assertThatThrownBy(call::run).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
	}

}
