/**
 * Deno KV keys: the immutable {@link dev.denokv.key.KvKey}, the byte-exact tuple encoding
 * ({@link dev.denokv.key.KeyCodec}), Deno's key size limits ({@link dev.denokv.key.KeyLimits}),
 * and list selectors with Deno-compatible cursors ({@link dev.denokv.key.KvListSelector}).
 */
package dev.denokv.key;
