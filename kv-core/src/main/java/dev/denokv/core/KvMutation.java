package dev.denokv.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.MutationType;
import dev.denokv.key.KvKey;

/**
 * One mutation for {@link KvAtomicOperation#mutate}, Deno's {@code KvMutation}. The value of a
 * {@code sum}, {@code min} or {@code max} goes through the value codec like any value: a
 * {@link dev.denokv.model.KvU64} is the documented unsigned 64-bit operand, while a
 * {@link java.math.BigInteger} or a number asks the backend for Deno's undocumented V8 sum.
 *
 * @param key the key
 * @param type {@code SET}, {@code DELETE}, {@code SUM}, {@code MIN} or {@code MAX}
 * @param value the value or operand; {@code null} for a delete (a set may store {@code null})
 * @param expireIn for a set, how long the entry lives; {@code null} for ever
 */
public record KvMutation(KvKey key, MutationType type, Object value, Duration expireIn) {

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

	public static KvMutation min(KvKey key, Object operand) {
		return new KvMutation(key, MutationType.MIN, operand, null);
	}

	public static KvMutation max(KvKey key, Object operand) {
		return new KvMutation(key, MutationType.MAX, operand, null);
	}

}
