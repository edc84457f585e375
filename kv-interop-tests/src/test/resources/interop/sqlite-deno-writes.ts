// Deno writes a database covering every key part type, every value encoding, entries with
// expiry and queued messages, and prints what it wrote as it sees it (with versionstamps).
import { dump, desc } from "./sqlite-dump.ts";
const kv = await Deno.openKv(Deno.args[0]);
const keys: Deno.KvKey[] = [
  ["s", "hello"], ["s", ""], ["s", "é😀 a\u0000b"], ["b", new Uint8Array([0, 1, 255])], ["b", new Uint8Array()],
  ["i", 0n], ["i", -5n], ["i", 2n ** 70n], ["i", -(2n ** 64n)], ["n", 1.5], ["n", -0], ["n", NaN], ["n", -Infinity],
  ["bool", true], ["bool", false], ["mixed", "a", 1n, 2.5, true, new Uint8Array([7])],
];
const values: unknown[] = [
  "str", 42, 1.5, -0, { a: 1, b: [1, 2, { c: null }] }, [1, "x", , 3], null, true, 123n, -(2n ** 80n),
  new Uint8Array([1, 2, 3]), new Deno.KvU64(7n), new Deno.KvU64(2n ** 64n - 1n), new Date(0),
  new Map([[1, "one"]]), new Set(["x"]), undefined, "é😀".repeat(3), "x".repeat(3000),
];
for (let i = 0; i < keys.length; i++) await kv.set(keys[i], values[i % values.length]);
for (let i = 0; i < values.length; i++) await kv.set(["v", i], values[i]);
await kv.set(["exp", "long"], "L", { expireIn: 3_600_000 });
await kv.set(["exp", "short"], "S", { expireIn: 1 });
await kv.atomic().sum(["ctr"], 5n).max(["max"], 9n).min(["min"], 3n).commit();
await kv.atomic().sum(["ctr"], 2n).delete(["s", ""]).commit();
await kv.enqueue({ msg: "now" });
await kv.enqueue("later", { delay: 3_600_000, keysIfUndelivered: [["dl"]], backoffSchedule: [1, 2] });
await new Promise((r) => setTimeout(r, 20)); // let ["exp","short"] expire (Deno still lists it)
console.log(JSON.stringify({ entries: await dump(kv), expired: desc(["exp", "short"]) }));
kv.close();
