package dev.denokv.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.DenoCliLimits;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.SumBounds;
import dev.denokv.model.RawValue;

/**
 * Checks requests against {@link KvLimits} before any I/O, in the same order and with the same
 * messages as the Deno CLI ({@code ext/kv/lib.rs} and {@code 01_db.ts}; kv-format.md §7), so that
 * a request Deno rejects is rejected here with the message Deno gives. Every failure is a
 * {@link KvInvalidArgumentException}. Stateless apart from the limits, and thread-safe.
 */
public final class KvRequestValidator {

	private static final BigDecimal MAX_U64 = new BigDecimal("18446744073709551615");

	private final KvLimits limits;

	public KvRequestValidator(KvLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
	}

	public KvLimits limits() {
		return this.limits;
	}

	/** A range bound or a key read by {@code get}: at most 2049 bytes. */
	public void checkReadKey(byte[] encodedKey) {
		if (encodedKey.length > this.limits.maxReadKeySize()) {
			throw new KvInvalidArgumentException(
					"Key too large for read (max " + this.limits.maxReadKeySize() + " bytes)");
		}
	}

	/** The number of keys of one {@code getMany}: at most 10. */
	public void checkReadRangeCount(int ranges) {
		if (ranges > this.limits.maxReadRanges()) {
			throw new KvInvalidArgumentException("Too many ranges (max " + this.limits.maxReadRanges() + ")");
		}
	}

	/** The entries one read may return (a list's batch size): at most 1000. */
	public void checkReadEntries(long entries) {
		if (entries > this.limits.maxReadEntries()) {
			throw new KvInvalidArgumentException("Too many entries (max " + this.limits.maxReadEntries() + ")");
		}
	}

	/** The number of watched keys, at most 10, and each key's read size. */
	public void checkWatchKeys(List<byte[]> encodedKeys) {
		if (encodedKeys.size() > this.limits.maxWatchedKeys()) {
			throw new KvInvalidArgumentException("Too many keys (max " + this.limits.maxWatchedKeys() + ")");
		}
		encodedKeys.forEach(this::checkReadKey);
	}

	/**
	 * Checks an {@code expireIn} as Deno's JavaScript side does when a set is made: a non-negative
	 * whole number of milliseconds. Whether it is too large is known only at commit time, when
	 * {@link #expireAt} adds it to the clock. {@code null} (no expiry) passes.
	 */
	public void checkExpireIn(Duration expireIn) {
		if (expireIn == null) {
			return;
		}
		BigDecimal ms = millis(expireIn);
		if (expireIn.isNegative() || ms.scale() > 0) {
			throw new KvInvalidArgumentException("expireIn must be a non-negative integer: received " + format(ms));
		}
	}

	/**
	 * Turns an {@code expireIn} into the absolute expiry in ms since the epoch. It must be a
	 * non-negative whole number of milliseconds ({@link #checkExpireIn}), and
	 * {@code nowMs + expireIn} must be at most {@link DenoCliLimits#MAX_EXPIRE_AT_MS}; as in Deno,
	 * the message of the latter names {@code expireIn}, not the sum.
	 * @param expireIn how long the entry lives; {@code null} for ever
	 * @return {@code nowMs + expireIn}, or {@code 0} (no expiry) for {@code null}
	 */
	public long expireAt(Duration expireIn, long nowMs) {
		if (expireIn == null) {
			return 0;
		}
		checkExpireIn(expireIn);
		BigDecimal ms = millis(expireIn);
		if (ms.compareTo(BigDecimal.valueOf(DenoCliLimits.MAX_EXPIRE_AT_MS).subtract(BigDecimal.valueOf(nowMs))) > 0) {
			// Deno prints expireIn converted to a u64, which saturates at 2^64 - 1.
			throw new KvInvalidArgumentException(
					"Invalid mutation: expireIn is too large: " + format(ms.min(MAX_U64)));
		}
		return nowMs + ms.longValueExact();
	}

	/**
	 * Turns an enqueue {@code delay} into the absolute delivery time in ms since the epoch:
	 * 0 to 30 days, as in Deno.
	 */
	public long deliveryTime(Duration delay, long nowMs) {
		if (delay == null) {
			return nowMs;
		}
		BigDecimal ms = millis(delay);
		if (delay.isNegative()) {
			throw new KvInvalidArgumentException("Delay must be >= 0: received " + format(ms));
		}
		if (delay.compareTo(this.limits.maxQueueDelay()) > 0) {
			throw delayTooLong(format(ms));
		}
		return nowMs + delay.toMillis();
	}

	/**
	 * Checks a backoff schedule (at most 5 intervals of 0 to 1 hour each) and returns it in
	 * milliseconds; {@code null} stays {@code null} (the backend's default). As in Deno, the bounds
	 * are checked on the exact interval and a fraction of a millisecond is then dropped
	 * ({@code [1.5, 2.9]} is stored as {@code [1, 2]}): Deno checks the JS numbers and converts
	 * them to integers only on the way to the database.
	 */
	public List<Integer> backoffScheduleMillis(List<Duration> schedule) {
		if (schedule == null) {
			return null;
		}
		checkBackoffIntervalCount(schedule.size());
		List<Integer> out = new ArrayList<>(schedule.size());
		for (int i = 0; i < schedule.size(); i++) {
			Duration interval = schedule.get(i);
			if (interval == null || interval.isNegative() || interval.compareTo(this.limits.maxBackoffInterval()) > 0) {
				throw invalidBackoffInterval(i);
			}
			// Not negative here, so toMillis() truncates toward zero, as Deno's conversion does.
			out.add((int) interval.toMillis());
		}
		return out;
	}

	/**
	 * Checks a backoff schedule as a backend receives it, in milliseconds: at most 5 intervals of
	 * 0 to 1 hour each; {@code null} (the backend's default) passes.
	 */
	public void checkBackoffScheduleMillis(List<Integer> scheduleMs) {
		if (scheduleMs == null) {
			return;
		}
		checkBackoffIntervalCount(scheduleMs.size());
		long max = this.limits.maxBackoffInterval().toMillis();
		for (int i = 0; i < scheduleMs.size(); i++) {
			Integer interval = scheduleMs.get(i);
			if (interval == null || interval < 0 || interval > max) {
				throw invalidBackoffInterval(i);
			}
		}
	}

	private void checkBackoffIntervalCount(int intervals) {
		if (intervals > this.limits.maxBackoffIntervals()) {
			throw new KvInvalidArgumentException(
					"Invalid backoffSchedule, max " + this.limits.maxBackoffIntervals() + " intervals allowed");
		}
	}

	private static KvInvalidArgumentException invalidBackoffInterval(int index) {
		return new KvInvalidArgumentException("Invalid backoffSchedule, interval at index " + index + " is invalid");
	}

	private KvInvalidArgumentException delayTooLong(String received) {
		return new KvInvalidArgumentException(
				"Delay cannot be greater than " + this.limits.maxQueueDelay().toDays() + " days: received " + received);
	}

	/**
	 * Checks an atomic write as Deno does before sending it: counts, empty keys, key sizes, value
	 * and payload sizes, then the totals. The enqueues' deadlines and backoff schedules are not
	 * looked at: {@link #deliveryTime} and {@link #backoffScheduleMillis} checked them when they
	 * were made.
	 */
	public void checkAtomicWrite(AtomicWrite write) {
		checkAtomicWrite(write, false, 0);
	}

	/**
	 * {@link #checkAtomicWrite(AtomicWrite)} for a backend that receives the write from any caller:
	 * also checks, right after each enqueue's payload size, that its deadline is at most the
	 * longest delay plus {@link KvLimits#maxClockSkew()} after {@code nowMs} (a past deadline means
	 * "now"; the skew allows for a deadline computed by a clock ahead of the backend's) and its
	 * backoff schedule ({@link #checkBackoffScheduleMillis}).
	 */
	public void checkReceivedAtomicWrite(AtomicWrite write, long nowMs) {
		checkAtomicWrite(write, true, nowMs);
	}

	/**
	 * The first checks of an atomic write, which Deno makes before it looks at any mutation's
	 * {@code expireIn}: at most 100 checks, at most 1000 mutations plus enqueues.
	 */
	public void checkAtomicWriteCounts(int checks, int mutationsAndEnqueues) {
		if (checks > this.limits.maxChecks()) {
			throw new KvInvalidArgumentException("Too many checks (max " + this.limits.maxChecks() + ")");
		}
		if (mutationsAndEnqueues > this.limits.maxMutations()) {
			throw new KvInvalidArgumentException("Too many mutations (max " + this.limits.maxMutations() + ")");
		}
	}

	private void checkAtomicWrite(AtomicWrite write, boolean checkEnqueueTimes, long nowMs) {
		checkAtomicWriteCounts(write.checks().size(), write.mutations().size() + write.enqueues().size());
		long totalPayload = 0;
		long totalKeys = 0;
		for (Check check : write.checks()) {
			totalPayload += checkKey(check.key(), this.limits.maxCheckKeySize());
		}
		for (Mutation mutation : write.mutations()) {
			totalPayload += checkWriteKey(mutation.key());
		}
		for (Mutation mutation : write.mutations()) {
			if (mutation.type() != MutationType.DELETE) {
				int keySize = mutation.key().length;
				totalPayload += checkValueSize(mutation.value().data().length) + keySize;
				totalKeys += keySize;
			}
			// A clamped sum stores its bound as the new value, so a bound is held to the value limit.
			SumBounds bounds = mutation.sumBounds();
			if (bounds != null) {
				for (RawValue bound : new RawValue[] { bounds.min(), bounds.max() }) {
					if (bound != null) {
						checkValueSize(bound.data().length);
					}
				}
			}
		}
		for (Enqueue enqueue : write.enqueues()) {
			totalPayload += checkPayloadSize(enqueue.payload().length);
			if (checkEnqueueTimes) {
				checkDeadline(enqueue.deadlineMs(), nowMs);
				checkBackoffScheduleMillis(enqueue.backoffSchedule());
			}
			for (byte[] key : enqueue.keysIfUndelivered()) {
				// Stricter than Deno, which writes any dead-letter key it is given.
				checkWriteKey(key);
			}
			if (enqueue.backoffSchedule() != null) {
				totalPayload += 4L * enqueue.backoffSchedule().size();
			}
		}
		if (totalPayload > this.limits.maxTotalMutationSize()) {
			throw new KvInvalidArgumentException(
					"Total mutation size too large (max " + this.limits.maxTotalMutationSize() + " bytes)");
		}
		if (totalKeys > this.limits.maxTotalKeySize()) {
			throw new KvInvalidArgumentException(
					"Total key size too large (max " + this.limits.maxTotalKeySize() + " bytes)");
		}
	}

	/** A key that is written: not empty (unless allowed), at most 2048 bytes. */
	public int checkWriteKey(byte[] encodedKey) {
		return checkKey(encodedKey, this.limits.maxWriteKeySize());
	}

	/** A written or checked key; Deno gives both kinds the write key's messages. */
	private int checkKey(byte[] encodedKey, int maxSize) {
		if (encodedKey.length == 0 && !this.limits.allowEmptyKeys()) {
			throw new KvInvalidArgumentException("key cannot be empty");
		}
		if (encodedKey.length > maxSize) {
			throw new KvInvalidArgumentException("Key too large for write (max " + maxSize + " bytes)");
		}
		return encodedKey.length;
	}

	private int checkValueSize(int size) {
		if (size > this.limits.maxValueSize()) {
			throw new KvInvalidArgumentException("Value too large (max " + this.limits.maxValueSize() + " bytes)");
		}
		return size;
	}

	private void checkDeadline(long deadlineMs, long nowMs) {
		// The sender computed deadline = its now + delay; its clock may run ahead of ours (a
		// template's own Clock, another machine), so deadline - now may exceed the delay it was given.
		long delayMs = deadlineMs - nowMs;
		if (delayMs > this.limits.maxQueueDelay().plus(this.limits.maxClockSkew()).toMillis()) {
			throw delayTooLong(Long.toString(delayMs));
		}
	}

	private int checkPayloadSize(int size) {
		if (size > this.limits.maxValueSize()) {
			throw new KvInvalidArgumentException(
					"enqueue payload too large (max " + this.limits.maxValueSize() + " bytes)");
		}
		return size;
	}

	private static BigDecimal millis(Duration duration) {
		return BigDecimal.valueOf(duration.getSeconds())
			.multiply(BigDecimal.valueOf(1000))
			.add(BigDecimal.valueOf(duration.getNano(), 6))
			.stripTrailingZeros();
	}

	/** Formats milliseconds like a JS number: {@code 1}, {@code 1.5}, {@code -1}. */
	private static String format(BigDecimal ms) {
		BigDecimal stripped = ms.stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
	}

}
