// Shared by the SQLite file interop scripts: prints entries the way Deno sees them.
// Keys are Array descriptors (key-descriptor.ts); values by encoding.
import { desc, hex } from "./key-descriptor.ts";
export { desc };

export function json(v: unknown) {
  return JSON.stringify(v, (_k, x) =>
    typeof x === "bigint" ? x.toString() + "n"
    : x instanceof Map ? { map: [...x.entries()] }
    : x instanceof Set ? { set: [...x.values()] }
    : x === undefined ? "undefined" : x);
}
export function value(v: unknown) {
  if (v instanceof Uint8Array) return { enc: "bytes", v: hex(v) };
  if (v instanceof Deno.KvU64) return { enc: "u64", v: v.value.toString() };
  return { enc: "v8", v: json(v) };
}
export async function dump(kv: Deno.Kv) {
  const out = [];
  for await (const e of kv.list({ prefix: [] })) {
    out.push({ key: desc(e.key), value: value(e.value), versionstamp: e.versionstamp });
  }
  return out;
}
