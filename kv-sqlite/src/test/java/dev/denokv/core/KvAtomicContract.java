package dev.denokv.core;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.KvU64;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The atomic builder: checks, every mutation kind, ordering, failures and limits. */
public interface KvAtomicContract extends KvTemplateContract {

	@Test
	default void checkedWriteCommitsEverythingUnderOneVersionstamp() {
		KvKey a = KvKey.of("acct", "a");
		KvKey b = KvKey.of("acct", "b");
		KvEntry<String> before = kv().get(a, String.class);
		KvCommitResult result = kv().atomic().check(before).set(a, "A").set(b, "B").commit();
		assertThat(result).isInstanceOf(KvCommitResult.Committed.class);
		assertThat(kv().get(a, String.class).versionstamp()).isEqualTo(result.versionstamp());
		assertThat(kv().get(b, String.class).versionstamp()).isEqualTo(result.versionstamp());
	}

	@Test
	default void failedCheckWritesNothingAndSaysWhichCheck() {
		KvKey a = KvKey.of("c", "a");
		KvKey b = KvKey.of("c", "b");
		Versionstamp va = kv().set(a, "1").versionstamp();
		Versionstamp vb = kv().set(b, "1").versionstamp();
		kv().set(b, "2");
		KvCommitResult result = kv().atomic().check(a, va).check(b, vb).set(a, "x").delete(b).commit();
		assertThat(result.ok()).isFalse();
		assertThat(result.versionstamp()).isNull();
		if (reportsFailedChecks()) {
			assertThat(((KvCommitResult.CheckFailed) result).failedCheckIndexes()).containsExactly(1);
		}
		assertThat(kv().get(a, String.class).value()).isEqualTo("1");
		assertThat(kv().get(b, String.class).value()).isEqualTo("2");
	}

	@Test
	default void nullVersionstampCheckMeansMustNotExist() {
		KvKey key = KvKey.of("unique", "alice");
		assertThat(kv().atomic().check(key, null).set(key, "first").commit().ok()).isTrue();
		assertThat(kv().atomic().check(key, null).set(key, "second").commit().ok()).isFalse();
		assertThat(kv().get(key, String.class).value()).isEqualTo("first");
	}

	@Test
	default void sumMinMaxOnKvU64() {
		KvKey sum = KvKey.of("n", "sum");
		KvKey min = KvKey.of("n", "min");
		KvKey max = KvKey.of("n", "max");
		kv().atomic().sum(sum, 5).min(min, 5).max(max, 5).commit();
		kv().atomic().sum(sum, KvU64.of(BigInteger.TEN)).min(min, 3).max(max, 3).commit();
		kv().atomic().min(min, 4).max(max, 9).commit();
		assertThat(kv().get(sum, KvU64.class).value()).isEqualTo(KvU64.of(15));
		assertThat(kv().get(min, KvU64.class).value()).isEqualTo(KvU64.of(3));
		assertThat(kv().get(max, KvU64.class).value()).isEqualTo(KvU64.of(9));
	}

	@Test
	default void sumWrapsAroundAt2To64() {
		KvKey key = KvKey.of("wrap");
		kv().set(key, KvU64.of(KvU64.MAX_VALUE));
		kv().atomic().sum(key, 2).commit();
		assertThat(kv().get(key, KvU64.class).value()).isEqualTo(KvU64.of(1));
	}

	@Test
	default void failingMutationRollsBackTheWholeOperation() {
		KvKey text = KvKey.of("text");
		kv().set(text, "not a number");
		KvKey other = KvKey.of("other");
		assertThatThrownBy(() -> kv().atomic().set(other, "written?").sum(text, 1).commit())
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
		assertThat(kv().get(other, String.class).exists()).isFalse();
	}

	@Test
	default void mutationsApplyInOrder() {
		KvKey a = KvKey.of("order", "a");
		KvKey b = KvKey.of("order", "b");
		kv().atomic().set(a, "x").delete(a).delete(b).set(b, "y").commit();
		assertThat(kv().get(a, String.class).exists()).isFalse();
		assertThat(kv().get(b, String.class).value()).isEqualTo("y");
	}

	@Test
	default void mutateTakesMutationValues() {
		KvKey counter = KvKey.of("mut", "counter");
		KvKey gone = KvKey.of("mut", "gone");
		KvKey kept = KvKey.of("mut", "kept");
		kv().set(gone, "x");
		kv().atomic()
			.mutate(KvMutation.sum(counter, KvU64.of(2)), KvMutation.delete(gone), KvMutation.set(kept, "v"),
					KvMutation.set(KvKey.of("mut", "ttl"), "t", Duration.ofHours(1)),
					KvMutation.max(counter, KvU64.of(7)), KvMutation.min(counter, KvU64.of(6)))
			.commit();
		assertThat(kv().get(counter, KvU64.class).value()).isEqualTo(KvU64.of(6));
		assertThat(kv().get(gone, String.class).exists()).isFalse();
		assertThat(kv().get(kept, String.class).value()).isEqualTo("v");
		assertThat(kv().get(KvKey.of("mut", "ttl"), String.class).value()).isEqualTo("t");
	}

	@Test
	default void mutationValuesAreValidatedLikeDeno() {
		KvKey key = KvKey.of("k");
		assertThatThrownBy(() -> new KvMutation(key, dev.denokv.handler.MutationType.DELETE, "v", null))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Invalid mutation 'delete' with value");
		assertThatThrownBy(() -> KvMutation.sum(key, null)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Invalid mutation 'sum' without value");
		assertThatThrownBy(() -> kv().atomic().sum(key, -1)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Value must be a positive bigint: received -1");
	}

	@Test
	default void boundedSumsFailOrClampAtTheirRange() {
		KvKey big = KvKey.of("bounded", "big");
		KvKey num = KvKey.of("bounded", "num");
		KvKey other = KvKey.of("bounded", "other");
		BigInteger max = BigInteger.valueOf(44);
		// A new key takes the operand, whatever the range, as in denokv.
		kv().atomic().mutate(KvMutation.sum(big, BigInteger.valueOf(50), KvSumBounds.atMost(max))).commit();
		assertThat(kv().get(big, BigInteger.class).value()).isEqualTo(BigInteger.valueOf(50));
		kv().set(big, BigInteger.valueOf(40));
		kv().atomic().mutate(KvMutation.sum(big, BigInteger.TWO, KvSumBounds.between(BigInteger.ZERO, max))).commit();
		assertThat(kv().get(big, BigInteger.class).value()).isEqualTo(BigInteger.valueOf(42));
		KvEntry<BigInteger> before = kv().get(big, BigInteger.class);
		assertThatThrownBy(() -> kv().atomic()
			.set(other, "x")
			.mutate(KvMutation.sum(big, BigInteger.valueOf(5), KvSumBounds.atMost(max)))
			.commit()).isInstanceOf(KvMutationException.class)
			.hasMessageContaining("The result of a Sum operation would exceed its range limit");
		assertThat(kv().get(big, BigInteger.class).versionstamp()).isEqualTo(before.versionstamp());
		assertThat(kv().get(other, String.class).exists()).isFalse();
		kv().atomic().mutate(KvMutation.sum(big, BigInteger.valueOf(5), KvSumBounds.atMost(max).clamped())).commit();
		assertThat(kv().get(big, BigInteger.class).value()).isEqualTo(max);
		kv().set(num, 1.5);
		kv().atomic().mutate(KvMutation.sum(num, -10, KvSumBounds.atLeast(0).clamped())).commit();
		assertThat(kv().get(num, Double.class).value()).isEqualTo(0.0);
		assertThatThrownBy(() -> kv().atomic().mutate(KvMutation.sum(num, 1, KvSumBounds.atMost(BigInteger.TEN))).commit())
			.isInstanceOf(KvMutationException.class)
			.hasMessageContaining("Min/max parameters have different types than the operand");
		kv().set(other, KvU64.of(1));
		assertThatThrownBy(
				() -> kv().atomic().mutate(KvMutation.sum(other, BigInteger.ONE, KvSumBounds.atMost(BigInteger.TEN))).commit())
			.isInstanceOf(KvMutationException.class)
			.hasMessageContaining("Cannot sum KvU64 with BigInt");
	}

	@Test
	default void sumBoundsAreValidatedBeforeAnyIo() {
		KvKey key = KvKey.of("k");
		assertThatThrownBy(() -> KvMutation.sum(key, KvU64.of(1), KvSumBounds.atMost(1)))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Sum bounds need a number or bigint operand: a KvU64 sum wraps around");
		assertThatThrownBy(() -> new KvMutation(key, dev.denokv.handler.MutationType.MAX, 1, null, KvSumBounds.atMost(1)))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Sum bounds are only valid for 'sum' mutations");
		assertThatThrownBy(() -> new KvSumBounds(null, null, true)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Sum bounds need a min or a max");
	}

	@Test
	default void versionstampSuffixAppendsTheCommitVersionstamp() {
		KvKey log = KvKey.of("log");
		Versionstamp v1 = kv().atomic().setWithVersionstampSuffix(log, "first").commit().versionstamp();
		Versionstamp v2 = kv().atomic().setWithVersionstampSuffix(log, "second").commit().versionstamp();
		List<KvEntry<String>> entries = kv().list(KvListSelector.prefix(log), String.class).toList();
		assertThat(entries).extracting(KvEntry::key)
			.containsExactly(KvKey.of("log", v1.toString()), KvKey.of("log", v2.toString()));
		assertThat(entries).extracting(KvEntry::value).containsExactly("first", "second");
	}

	@Test
	default void versionstampSuffixedEntriesMayExpire() {
		KvKey log = KvKey.of("expiring-log");
		// A clock an hour late computes an expiry that has already passed: the entry is hidden at once.
		KvTemplate late = kv((builder) -> builder
			.clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-1))));
		late.atomic().setWithVersionstampSuffix(log, "gone", Duration.ofMinutes(1)).commit();
		Versionstamp kept = kv().atomic().setWithVersionstampSuffix(log, "kept", Duration.ofHours(1)).commit().versionstamp();
		kv().atomic().setWithVersionstampSuffix(log, "forever", null).commit();
		assertThat(kv().list(KvListSelector.prefix(log), String.class).toList()).extracting(KvEntry::value)
			.containsExactly("kept", "forever");
		assertThat(kv().get(KvKey.of("expiring-log", kept.toString()), String.class).value()).isEqualTo("kept");
		assertRejected(() -> kv().atomic().setWithVersionstampSuffix(log, "x", Duration.ofMillis(-1)),
				"expireIn must be a non-negative integer: received -1");
	}

	@Test
	default void setWithExpireInInsideAnAtomicOperation() {
		KvKey key = KvKey.of("atomic", "ttl");
		kv().atomic().set(key, "lives", Duration.ofHours(1)).commit();
		assertThat(kv().get(key, String.class).value()).isEqualTo("lives");
		assertRejected(() -> kv().atomic().set(key, "x", Duration.ofMillis(-5)),
				"expireIn must be a non-negative integer: received -5");
	}

	@Test
	default void tooLargeExpireInFailsAtCommitAfterTheCounts() {
		// Deno 2.9.5: atomic().set(k, v, {expireIn: 9e15}) builds; commit() fails, after the
		// mutation count but before any key or value size.
		Duration tooLong = Duration.ofMillis(9_000_000_000_000_000L);
		KvAtomicOperation op = kv().atomic().set(KvKey.of("k", "x".repeat(3000)), "v", tooLong);
		assertRejected(op::commit, "Invalid mutation: expireIn is too large: 9000000000000000");
		KvAtomicOperation mutated = kv().atomic().mutate(KvMutation.set(KvKey.of("k"), "v", tooLong));
		assertRejected(mutated::commit, "Invalid mutation: expireIn is too large: 9000000000000000");
		KvAtomicOperation many = kv().atomic();
		for (int i = 0; i < 1001; i++) {
			many.set(KvKey.of("m", i), 1, tooLong);
		}
		assertRejected(many::commit, "Too many mutations (max 1000)");
		assertThatThrownBy(() -> kv().atomic().set(KvKey.of("k"), "v", tooLong).commitAsync().join()).cause()
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Invalid mutation: expireIn is too large: 9000000000000000");
	}

	@Test
	default void valueSizeIsCheckedAfterExpireInAndTheKeysAsInDeno() {
		// Deno 2.9.5: atomic().set(["k"], new Uint8Array(70000), {expireIn: 9e15}).commit() fails on
		// expireIn, and a too long key wins over the value too; the value is checked last.
		Duration tooLong = Duration.ofMillis(9_000_000_000_000_000L);
		KvAtomicOperation expiring = kv().atomic().set(KvKey.of("k"), new byte[70000], tooLong);
		assertRejected(expiring::commit, "Invalid mutation: expireIn is too large: 9000000000000000");
		KvAtomicOperation longKey = kv().atomic().set(KvKey.of("k", "x".repeat(3000)), new byte[70000]);
		assertRejected(longKey::commit, "Key too large for write (max 2048 bytes)");
		KvAtomicOperation big = kv().atomic().set(KvKey.of("k"), "x".repeat(70000));
		assertRejected(big::commit, "Value too large (max 65536 bytes)");
		KvAtomicOperation bigPayload = kv().atomic().enqueue("x".repeat(70000))
			.check(KvKey.of("k", "x".repeat(3000)), null);
		assertRejected(bigPayload::commit, "Key too large for write (max 2048 bytes)");
	}

	@Test
	default void aClockAheadOfTheBackendStillEnqueuesWithTheLongestDelay() {
		// The template's clock computes the deadline, the backend's judges it: an hour ahead is
		// within the day of clock skew every layer allows (KvLimits.maxClockSkew).
		KvTemplate ahead = kv((builder) -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))));
		ahead.enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofDays(30)));
		assertThat(ahead.atomic().enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofDays(30))).commit().ok())
			.isTrue();
	}

	@Test
	default void emptyOperationCommits() {
		assertThat(kv().atomic().commit().ok()).isTrue();
	}

	@Test
	default void limitsAreCheckedBeforeAnyIo() {
		int maxChecks = kv().getLimits().maxChecks();
		KvAtomicOperation checks = kv().atomic();
		for (int i = 0; i <= maxChecks; i++) {
			checks.check(KvKey.of("c", i), null);
		}
		assertRejected(checks::commit, "Too many checks (max " + maxChecks + ")");
		KvAtomicOperation mutations = kv().atomic();
		for (int i = 0; i < 1001; i++) {
			mutations.delete(KvKey.of("m", i));
		}
		assertRejected(mutations::commit, "Too many mutations (max 1000)");
		KvAtomicOperation big = kv().atomic();
		for (int i = 0; i < 13; i++) {
			big.set(KvKey.of("big", i), new byte[65000]);
		}
		assertRejected(big::commit, "Total mutation size too large (max 819200 bytes)");
		KvAtomicOperation longKeys = kv().atomic();
		for (int i = 0; i < 41; i++) {
			longKeys.set(KvKey.of(i, "k".repeat(1990)), 1);
		}
		assertRejected(longKeys::commit, "Total key size too large (max 81920 bytes)");
		assertRejected(() -> kv().atomic().check(KvKey.empty(), null).commit(), "key cannot be empty");
	}

	@Test
	default void maximalChecksAndMutationsAreFine() {
		KvAtomicOperation op = kv().atomic();
		for (int i = 0; i < kv().getLimits().maxChecks(); i++) {
			op.check(KvKey.of("hc", i), null);
		}
		for (int i = 0; i < 1000; i++) {
			op.set(KvKey.of("hm", i), i);
		}
		assertThat(op.commit().ok()).isTrue();
	}

	/** A clamped sum stores its bound: a bound over the value limit would store a value no set could write. */
	@Test
	default void aSumBoundOverTheValueLimitIsRefused() {
		KvKey key = KvKey.of("contract", "huge-bound");
		kv().set(key, BigInteger.ZERO);
		BigInteger huge = BigInteger.ONE.shiftLeft(800_000);
		assertThatThrownBy(() -> kv().atomic()
			.mutate(KvMutation.sum(key, BigInteger.ONE, KvSumBounds.atLeast(huge).clamped()))
			.commit()).isInstanceOf(KvInvalidArgumentException.class).hasMessage("Value too large (max 65536 bytes)");
		assertThat(kv().get(key, BigInteger.class).value()).isEqualTo(BigInteger.ZERO);
	}

}
