// Describes a JS value in the descriptor format of shared/vectors/README.md, as the Java test
// helper dev.denokv.value.v8.JsDescriptors renders decoded values: objects get ids in traversal
// order and a second visit is {t: "ref", id}; a typed array takes its id before its buffer.
// Dates are values here (Java reads them as Instants), so they are never refs.
const hex = (u8: Uint8Array) => Array.from(u8, (b) => b.toString(16).padStart(2, "0")).join("");

function num(n: number) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, n);
  const v = Number.isNaN(n) ? "NaN" : n === Infinity ? "Infinity" : n === -Infinity ? "-Infinity"
    : Object.is(n, -0) ? "-0" : n;
  return { v, f64: hex(new Uint8Array(dv.buffer)) };
}

const isIndex = (k: string) => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;

export function describe(root: unknown): unknown {
  const ids = new Map<object, number>();
  let next = 1;
  // deno-lint-ignore no-explicit-any
  const obj = (v: object, t: string): any => {
    const id = ids.get(v);
    if (id !== undefined) return { t: "ref", id };
    ids.set(v, next);
    return { t, id: next++ };
  };
  // deno-lint-ignore no-explicit-any
  const d = (v: any): unknown => {
    if (v === null) return { t: "null" };
    switch (typeof v) {
      case "undefined": return { t: "undefined" };
      case "boolean": return { t: "boolean", v };
      case "number": return { t: "number", ...num(v) };
      case "bigint": return { t: "bigint", v: v.toString() };
      case "string": return { t: "string", v };
    }
    if (v instanceof Deno.KvU64) {
      const n = obj(v, "KvU64");
      return n.t === "ref" ? n : { ...n, v: v.value.toString() };
    }
    if (ArrayBuffer.isView(v)) {
      const name = v.constructor.name === "Buffer" ? "Uint8Array" : v.constructor.name;
      const n = obj(v, name);
      if (n.t === "ref") return n;
      let bufferId = ids.get(v.buffer);
      if (bufferId === undefined) {
        bufferId = next++;
        ids.set(v.buffer, bufferId);
      }
      const out = {
        ...n, byteOffset: v.byteOffset, byteLength: v.byteLength,
        hex: hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)), buffer_id: bufferId,
        buffer_byteLength: v.buffer.byteLength,
      };
      return v instanceof DataView ? out : { ...out, length: v.length };
    }
    if (v instanceof ArrayBuffer) {
      const n = obj(v, "ArrayBuffer");
      return n.t === "ref" ? n : { ...n, byteLength: v.byteLength, hex: hex(new Uint8Array(v)) };
    }
    if (v instanceof Date) {
      const t = v.getTime();
      return { t: "Date", id: next++, ms: Number.isNaN(t) ? "NaN" : t };
    }
    if (v instanceof RegExp) {
      const n = obj(v, "RegExp");
      return n.t === "ref" ? n : { ...n, source: v.source, flags: v.flags };
    }
    if (v instanceof Error) {
      const n = obj(v, "Error");
      if (n.t === "ref") return n;
      n.name = v.name;
      if (Object.hasOwn(v, "message")) n.message = v.message;
      if (typeof v.stack === "string") n.stack = v.stack;
      if (Object.hasOwn(v, "cause")) n.cause = d(v.cause);
      return n;
    }
    if (v instanceof Number) { const n = obj(v, "NumberObject"); return n.t === "ref" ? n : { ...n, v: num(v.valueOf()).v }; }
    if (v instanceof String) { const n = obj(v, "StringObject"); return n.t === "ref" ? n : { ...n, v: v.valueOf() }; }
    if (v instanceof Boolean) { const n = obj(v, "BooleanObject"); return n.t === "ref" ? n : { ...n, v: v.valueOf() }; }
    if (v instanceof BigInt) { const n = obj(v, "BigIntObject"); return n.t === "ref" ? n : { ...n, v: v.valueOf().toString() }; }
    if (v instanceof Map) {
      const n = obj(v, "Map");
      if (n.t === "ref") return n;
      n.entries = [];
      for (const [k, x] of v) n.entries.push([d(k), d(x)]);
      return n;
    }
    if (v instanceof Set) {
      const n = obj(v, "Set");
      if (n.t === "ref") return n;
      n.values = [];
      for (const x of v) n.values.push(d(x));
      return n;
    }
    if (Array.isArray(v)) {
      const n = obj(v, "Array");
      if (n.t === "ref") return n;
      n.length = v.length;
      const keys = Object.keys(v);
      n.elements = keys.filter(isIndex).map((k) => [Number(k), d(v[k as unknown as number])]);
      const props = keys.filter((k) => !isIndex(k));
      if (props.length > 0) n.props = props.map((k) => [k, d((v as unknown as Record<string, unknown>)[k])]);
      return n;
    }
    const n = obj(v, "Object");
    if (n.t === "ref") return n;
    n.entries = Object.keys(v).map((k) => [k, d(v[k])]);
    return n;
  };
  return d(root);
}

export { hex };
