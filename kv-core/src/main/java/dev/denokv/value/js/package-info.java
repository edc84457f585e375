/**
 * A small model of the JavaScript values that Java has no type for: {@code undefined}, arrays with
 * holes or named properties, {@code Map} and {@code Set} with JS key semantics, RegExp, Error,
 * boxed primitives, ArrayBuffer and typed-array views, Deno host objects, and an opaque value
 * that keeps the bytes of anything the codec does not understand.
 *
 * <p>Everything else maps to plain Java types: objects to {@code LinkedHashMap<String,Object>},
 * dense arrays to {@code ArrayList}, numbers to {@code Double}, bigints to {@code BigInteger},
 * strings to {@code String}, booleans to {@code Boolean}, dates to {@code Instant}.
 */
package dev.denokv.value.js;
