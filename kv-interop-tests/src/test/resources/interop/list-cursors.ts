// Lists a fixed set of keys through Deno's own kv.list with every selector kind, forward and
// reverse, in batches of 2 (so Deno pages with its own cursors), and prints every returned key
// with the cursor Deno reports after it, plus Deno's errors for bad selectors and cursors.
// Keys are printed as the Array descriptors of shared/vectors (README.md).
import { desc } from "./key-descriptor.ts";

const kv = await Deno.openKv(Deno.args[0]);

const sel = (s: any) => ({ prefix: desc(s.prefix), start: desc(s.start), end: desc(s.end) });

const keys: Deno.KvKey[] = [
  ["users"], ["users", "alice"], ["users", "bob"], ["users", "carol", 1], ["users", "carol", 2n],
  ["users", new Uint8Array([0, 255])], ["users", ""], ["users", "a\u0000b"], ["usersX"],
  ["n", 1], ["n", -0], ["n", 0], ["n", NaN], ["n", -1.5], ["n", 10n], ["n", -300n], ["n", 2n ** 80n],
  ["n", true], ["n", false], ["n", Infinity], ["n", -Infinity],
  ["b", new Uint8Array([0])], ["b", new Uint8Array([0, 0])], ["b", new Uint8Array([255])], ["b", new Uint8Array([])],
  ["a\u0000b"], ["a"], ["a", "x"], ["é", 1], ["日本", 2], [1, 2, 3],
];
for (const k of keys) await kv.set(k, 1);

const selectors: any[] = [
  { prefix: [] },
  { prefix: ["users"] },
  { prefix: ["n"] },
  { prefix: ["b"] },
  { prefix: ["nothing"] },
  { prefix: ["users"], start: ["users", "bob"] },
  { prefix: ["users"], start: ["users", "a\u0000"] },
  { prefix: ["users"], end: ["users", "carol", 2n] },
  { prefix: ["n"], end: ["n", true] },
  { start: ["a"], end: ["users", "bob"] },
  { start: ["n", -300n], end: ["n", true] },
  { start: ["users", "alice"], end: ["users", "carol"] },
  { start: ["users", "carol"], end: ["users", "carol", 3] },
  { start: [], end: [true] },
  { start: ["a"], end: ["a"] },
];
const listings = [];
for (const s of selectors) {
  for (const reverse of [false, true]) {
    const it = kv.list(s, { reverse, batchSize: 2 });
    const entries = [];
    for await (const e of it) entries.push({ key: desc(e.key), cursor: it.cursor });
    listings.push({ selector: sel(s), reverse, entries });
  }
}

const big = "x".repeat(2047);
const errorCases: [string, any, any][] = [
  ["cursor_without_padding", { prefix: ["users"] }, { cursor: "AmFsaWNlAA" }],
  ["cursor_standard_alphabet", { prefix: ["users"] }, { cursor: "Am+/aWNlAA==" }],
  ["cursor_trailing_bits", { prefix: ["users"] }, { cursor: "AmFsaWNlAB==" }],
  ["cursor_junk", { prefix: ["users"] }, { cursor: "!!!!" }],
  ["cursor_empty_means_none", { prefix: ["users"] }, { cursor: "" }],
  ["cursor_ok", { prefix: ["users"] }, { cursor: "AmFsaWNlAA==" }],
  ["cursor_before_start", { prefix: ["users"], start: ["users", "bob"] }, { cursor: "AmFsaWNlAA==" }],
  ["cursor_after_end_reverse", { prefix: ["users"], end: ["users", "bob"] }, { cursor: "AmNhcm9sAA==", reverse: true }],
  ["cursor_after_end_forward_ok", { prefix: ["users"], end: ["users", "bob"] }, { cursor: "AmNhcm9sAA==" }],
  ["cursor_range_before_start", { start: ["users", "bob"], end: ["users", "carol"] }, { cursor: "YWxpY2UA" }],
  ["cursor_range_ok", { start: ["users", "bob"], end: ["users", "carol"] }, { cursor: "Ym9iAA==" }],
  ["cursor_prefix_only_unchecked", { prefix: ["users"] }, { cursor: "_w==" }],
  ["start_equals_prefix", { prefix: ["users"], start: ["users"] }, {}],
  ["start_outside_prefix", { prefix: ["users"], start: ["a"] }, {}],
  ["end_equals_prefix", { prefix: ["users"], end: ["users"] }, {}],
  ["end_outside_prefix", { prefix: ["users"], end: ["zzz"] }, {}],
  ["start_after_end", { start: ["b"], end: ["a"] }, {}],
  ["prefix_start_end", { prefix: ["users"], start: ["users", "a"], end: ["users", "b"] }, {}],
  ["start_only", { start: ["a"] }, {}],
  ["end_only", { end: ["a"] }, {}],
  ["prefix_2048_bytes", { prefix: ["x".repeat(2045)] }, {}],
  ["prefix_2049_bytes", { prefix: [big] }, {}],
  ["range_end_2050_bytes", { start: ["a"], end: [big + "x"] }, {}],
];
const errors = [];
for (const [name, s, opts] of errorCases) {
  try {
    const it = kv.list(s, { limit: 1, ...opts });
    for await (const _ of it) { /* drain */ }
    errors.push({ name, selector: sel(s), cursor: opts.cursor ?? null, reverse: opts.reverse ?? false, ok: true });
  } catch (e) {
    errors.push({ name, selector: sel(s), cursor: opts.cursor ?? null, reverse: opts.reverse ?? false, ok: false, message: (e as Error).message });
  }
}
console.log(JSON.stringify({ listings, errors }));
kv.close();
