// Shared by the interop scripts that print keys: a key as the Array descriptor of
// shared/vectors/README.md ({t: "Array", length, elements: [[i, part], ...]}), numbers by their
// f64 bits in hex so that -0, NaN and infinities survive JSON.
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
/** The key's descriptor; {@code null} for no key (an absent selector bound). */
export const desc = (key?: Deno.KvKey) =>
  key === undefined ? null : { t: "Array", length: key.length, elements: key.map((p, i) => [i, part(p)]) };
