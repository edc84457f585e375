package dev.denokv.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.MutationType;
import dev.denokv.key.KvKey;
import dev.denokv.model.KvU64;

/**
 * One mutation for {@link KvAtomicOperation#mutate}, Deno's {@code KvMutation}. The value of a
 * {@code sum}, {@code min} or {@code max} goes through the value codec like any value: a
 * {@link dev.denokv.model.KvU64} is the documented unsigned 64-bit operand, while a
 * {@link java.math.BigInteger} or a number asks the backend for Deno's undocumented V8 sum, which
 * may also be given a range ({@link KvSumBounds}).
 *
 * @param key the key
 * @param type {@code SET}, {@code DELETE}, {@code SUM}, {@code MIN} or {@code MAX}
 * @param value the value or operand; {@code null} for a delete (a set may store {@code null})
 * @param expireIn for a set, how long the entry lives; {@code null} for ever
 * @param sumBounds for a sum of a number or bigint, the range of the result; {@code null} for none
 */
public record KvMutation(KvKey key, MutationType type, Object value, Duration expireIn, KvSumBounds sumBounds) {

	public KvMutation {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(type, "type");
		String name = type.name().toLowerCase(Locale.ROOT);
		switch (type) {
			case DELETE -> {
				if (value != null) {
					throw new KvInvalidArgumentException("Invalid mutation 'delete' with value");
				}
			}
			case SUM, MIN, MAX -> {
				if (value == null) {
					throw new KvInvalidArgumentException("Invalid mutation '" + name + "' without value");
				}
			}
			case SET -> {
			}
			default -> throw new KvInvalidArgumentException("Invalid mutation type");
		}
		if (expireIn != null && type != MutationType.SET) {
			throw new KvInvalidArgumentException("expireIn is only valid for 'set' mutations");
		}
		if (sumBounds != null && type != MutationType.SUM) {
			throw new KvInvalidArgumentException("Sum bounds are only valid for 'sum' mutations");
		}
		if (sumBounds != null && value instanceof KvU64) {
			// denokv ignores bounds on a KvU64 operand; saying so beats a range that silently never applies.
			throw new KvInvalidArgumentException("Sum bounds need a number or bigint operand: a KvU64 sum wraps around");
		}
	}

	/** A mutation without sum bounds. */
	public KvMutation(KvKey key, MutationType type, Object value, Duration expireIn) {
		this(key, type, value, expireIn, null);
	}

	public static KvMutation set(KvKey key, Object value) {
		return new KvMutation(key, MutationType.SET, value, null);
	}

	/** A set that expires after {@code expireIn}; {@code null} means no expiry, as {@link #set(KvKey, Object)}. */
	public static KvMutation set(KvKey key, Object value, Duration expireIn) {
		return new KvMutation(key, MutationType.SET, value, expireIn);
	}

	public static KvMutation delete(KvKey key) {
		return new KvMutation(key, MutationType.DELETE, null, null);
	}

	public static KvMutation sum(KvKey key, Object operand) {
		return new KvMutation(key, MutationType.SUM, operand, null);
	}

	/**
	 * A sum of a JS number or bigint ({@code Double}, {@code Integer}, {@code Long} within ±2^53,
	 * {@code BigInteger}, ...) whose result must stay within {@code bounds}.
	 */
	public static KvMutation sum(KvKey key, Object operand, KvSumBounds bounds) {
		return new KvMutation(key, MutationType.SUM, operand, null, java.util.Objects.requireNonNull(bounds, "bounds"));
	}

	public static KvMutation min(KvKey key, Object operand) {
		return new KvMutation(key, MutationType.MIN, operand, null);
	}

	public static KvMutation max(KvKey key, Object operand) {
		return new KvMutation(key, MutationType.MAX, operand, null);
	}

}
