package dev.denokv.core;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The range of a {@link KvMutation#sum(dev.denokv.key.KvKey, Object, KvSumBounds) sum} of a JS
 * number or bigint: KV Connect's {@code sum_min}, {@code sum_max} and {@code sum_clamp}, which
 * Deno's JS API does not expose (clients such as denokv-python do). A result outside the range
 * fails the commit with "The result of a Sum operation would exceed its range limit" and writes
 * nothing, or, {@link #clamped() clamped}, is stored as the bound it crossed.
 *
 * <p>The bounds go through the value codec like the operand and must be of the operand's JS type
 * (both numbers, or both bigints: "Min/max parameters have different types than the operand"). As
 * in denokv, a key that does not exist yet is set to the operand without checking the range.
 * <pre>{@code
 * kv.atomic().mutate(KvMutation.sum(stock, -3, KvSumBounds.atLeast(0))).commit();   // never below 0
 * kv.atomic().mutate(KvMutation.sum(score, BigInteger.TEN, KvSumBounds.between(BigInteger.ZERO,
 *     BigInteger.valueOf(100)).clamped())).commit();                                 // stays in 0..100
 * }</pre>
 *
 * @param min the lower bound, or {@code null} for none
 * @param max the upper bound, or {@code null} for none
 * @param clamp whether a result out of range is clamped to the bound instead of failing
 */
public record KvSumBounds(Object min, Object max, boolean clamp) {

	public KvSumBounds {
		if (min == null && max == null) {
			throw new KvInvalidArgumentException("Sum bounds need a min or a max");
		}
	}

	/** Results must lie in {@code [min, max]}. */
	public static KvSumBounds between(Object min, Object max) {
		return new KvSumBounds(min, max, false);
	}

	/** Results must not be below {@code min}. */
	public static KvSumBounds atLeast(Object min) {
		return new KvSumBounds(min, null, false);
	}

	/** Results must not be above {@code max}. */
	public static KvSumBounds atMost(Object max) {
		return new KvSumBounds(null, max, false);
	}

	/** The same bounds, with an out-of-range result stored as the bound instead of failing. */
	public KvSumBounds clamped() {
		return new KvSumBounds(this.min, this.max, true);
	}

}
