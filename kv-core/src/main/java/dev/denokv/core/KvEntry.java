package dev.denokv.core;

import java.util.Objects;

import dev.denokv.key.KvKey;
import dev.denokv.model.Versionstamp;

/**
 * A key with its value and versionstamp, Deno's {@code KvEntryMaybe}. A key that does not exist has
 * a {@code null} value and a {@code null} versionstamp; an existing key always has a versionstamp
 * (its value may still be {@code null} when {@code null} or {@code undefined} was stored).
 *
 * @param <T> the value type
 * @param key the key
 * @param value the decoded value, or {@code null}
 * @param versionstamp the versionstamp of the commit that last wrote the key, or {@code null} if
 * it does not exist
 */
public record KvEntry<T>(KvKey key, T value, Versionstamp versionstamp) {

	public KvEntry {
		Objects.requireNonNull(key, "key");
	}

	/** The entry of a key that does not exist. */
	public static <T> KvEntry<T> missing(KvKey key) {
		return new KvEntry<>(key, null, null);
	}

	/** Whether the key exists. */
	public boolean exists() {
		return this.versionstamp != null;
	}

}
