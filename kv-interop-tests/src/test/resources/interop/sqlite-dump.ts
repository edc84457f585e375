// Shared by the SQLite file interop scripts: prints entries the way Deno sees them.
// Keys are Array descriptors (shared/vectors/README.md); values by encoding.
export const hex = (u8: Uint8Array) => Array.from(u8, (b) => b.toString(16).padStart(2, "0")).join("");
function f64hex(n: number) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, n);
  return hex(new Uint8Array(dv.buffer));
}
function part(p: Deno.KvKeyPart) {
  switch (typeof p) {
    case "string": return { t: "string", v: p };
    case "number": return { t: "number", f64: f64hex(p) };
    case "bigint": return { t: "bigint", v: p.toString() };
    case "boolean": return { t: "boolean", v: p };
    default: return { t: "Uint8Array", hex: hex(p as Uint8Array) };
  }
}
export const desc = (key: Deno.KvKey) => ({ t: "Array", length: key.length, elements: key.map((p, i) => [i, part(p)]) });
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
