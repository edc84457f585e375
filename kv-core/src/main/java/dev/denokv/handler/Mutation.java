package dev.denokv.handler;

import java.util.Objects;

import dev.denokv.model.RawValue;

/**
 * One mutation of an atomic write. {@code value} is {@code null} only for {@link MutationType#DELETE}.
 * {@code expireAtMs} is the absolute expiry in milliseconds since the epoch, or {@code 0} for none
 * (as in KV Connect); sum, min and max always clear any expiry. {@code sumBounds} is
 * {@link SumBounds#NONE} except for a {@code sum} that asks for a range.
 */
public record Mutation(byte[] key, MutationType type, RawValue value, long expireAtMs, SumBounds sumBounds) {

	public Mutation {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(sumBounds, "sumBounds");
		if (!sumBounds.isNone() && type != MutationType.SUM) {
			throw new IllegalArgumentException("Sum bounds apply only to 'sum' mutations");
		}
		if ((type == MutationType.DELETE) != (value == null)) {
			throw new IllegalArgumentException((type == MutationType.DELETE) ? "Invalid mutation 'delete' with value"
					: "Invalid mutation '" + type.name().toLowerCase(java.util.Locale.ROOT) + "' without value");
		}
	}

	/** A mutation without sum bounds. */
	public Mutation(byte[] key, MutationType type, RawValue value, long expireAtMs) {
		this(key, type, value, expireAtMs, SumBounds.NONE);
	}

	/** A {@code sum} of a V8 number or bigint within {@code bounds}. */
	public static Mutation sum(byte[] key, RawValue operand, SumBounds bounds) {
		return new Mutation(key, MutationType.SUM, operand, 0, bounds);
	}

	public static Mutation set(byte[] key, RawValue value) {
		return new Mutation(key, MutationType.SET, value, 0);
	}

	public static Mutation set(byte[] key, RawValue value, long expireAtMs) {
		return new Mutation(key, MutationType.SET, value, expireAtMs);
	}

	public static Mutation delete(byte[] key) {
		return new Mutation(key, MutationType.DELETE, null, 0);
	}

	public boolean hasExpiry() {
		return this.expireAtMs > 0;
	}

}
