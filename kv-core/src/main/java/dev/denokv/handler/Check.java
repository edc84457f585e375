package dev.denokv.handler;

import java.util.Objects;

import dev.denokv.model.Versionstamp;

/**
 * A precondition of an atomic write: the key's current versionstamp must equal
 * {@code versionstamp}, or, when it is {@code null}, the key must not exist.
 */
public record Check(byte[] key, Versionstamp versionstamp) {

	public Check {
		Objects.requireNonNull(key, "key");
	}

}
