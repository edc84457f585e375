/**
 * V8's value serialization format, as Deno stores KV values: {@link dev.denokv.value.v8.V8Reader}
 * reads format versions 13 to 16 into Java values and the {@code dev.denokv.value.js} model,
 * {@link dev.denokv.value.v8.V8Writer} writes version 15, which Deno 2.x and {@code @deno/kv} on
 * Node 20 both read.
 */
package dev.denokv.value.v8;
