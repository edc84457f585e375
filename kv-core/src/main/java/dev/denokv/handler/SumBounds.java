package dev.denokv.handler;

import dev.denokv.model.RawValue;

/**
 * The optional range of a {@code sum} with a V8 (number or bigint) operand: KV Connect's
 * {@code sum_min}, {@code sum_max} and {@code sum_clamp} (kv-format.md §4.3). A result below
 * {@code min} or above {@code max} fails the commit with "The result of a Sum operation would
 * exceed its range limit", or is clamped to the bound when {@code clamp} is set. The bounds are
 * V8-serialized and must have the operand's type; a missing key is set to the operand without
 * them, and a {@code KvU64} operand ignores them, as in denokv.
 *
 * @param min the lower bound, V8-serialized, or {@code null} for none
 * @param max the upper bound, V8-serialized, or {@code null} for none
 * @param clamp whether an out-of-range result is clamped instead of failing
 */
public record SumBounds(RawValue min, RawValue max, boolean clamp) {

	/** No bounds: the plain sum. */
	public static final SumBounds NONE = new SumBounds(null, null, false);

	/** Whether these are no bounds at all (then a bigint onto a stored KvU64 wraps like a KvU64). */
	public boolean isNone() {
		return this.min == null && this.max == null && !this.clamp;
	}

}
