// Interop for V8-serialized values, driven by dev.denokv.interop.V8ValueInteropTest.
//   decode <cases.json> <kv path>: cases [{name, encoding, hex, expect}] written by Java. Each value
//     is read by node:v8's deserialize and by Deno KV itself (the bytes are put into a real KV
//     file with node:sqlite, then read with kv.get); prints descriptors of both next to the
//     descriptor of the intended JS value (the expression `expect`).
//   encode <cases.json> <kv path>: cases [{name, js}]. Each JS value is serialized by node:v8 and
//     stored by Deno KV; prints the bytes of both and what Deno reads back from each.
import v8 from "node:v8";
import { DatabaseSync } from "node:sqlite";
import { describe, hex } from "./js-descriptor.ts";

const [mode, casesPath, kvPath] = Deno.args;
const cases = JSON.parse(await Deno.readTextFile(casesPath));
const unhex = (s: string) => new Uint8Array(s.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
const evaluate = (src: string) => new Function(`return (${src});`)();

if (mode === "decode") {
  // Let Deno create the file and the rows, then replace each row's bytes with Java's.
  let kv = await Deno.openKv(kvPath);
  for (let i = 0; i < cases.length; i++) await kv.set(["java", i], "placeholder");
  kv.close();
  const db = new DatabaseSync(kvPath);
  const rows = db.prepare("select k from kv order by k").all();
  const update = db.prepare("update kv set v = ?, v_encoding = ? where k = ?");
  cases.forEach((c: { hex: string; encoding: number }, i: number) => update.run(unhex(c.hex), c.encoding, rows[i].k));
  db.close();
  kv = await Deno.openKv(kvPath);
  const out = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const bytes = unhex(c.hex);
    const viaV8 = c.encoding === 1 ? describe(v8.deserialize(bytes)) : null;
    const viaKv = describe((await kv.get(["java", i])).value);
    out.push({ name: c.name, expected: describe(evaluate(c.expect)), v8: viaV8, kv: viaKv });
  }
  kv.close();
  console.log(JSON.stringify(out));
} else if (mode === "encode") {
  const kv = await Deno.openKv(kvPath);
  const out = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const value = evaluate(c.js);
    const serialized = v8.serialize(value);
    await kv.set(["deno", i], value);
    const stored = (await kv.get(["deno", i])).value;
    out.push({ name: c.name, v8: hex(serialized), v8_read: describe(v8.deserialize(serialized)), kv_read: describe(stored) });
  }
  kv.close();
  const db = new DatabaseSync(kvPath);
  const rows = db.prepare("select v, v_encoding from kv order by k").all();
  rows.forEach((r: { v: Uint8Array; v_encoding: number }, i: number) => {
    out[i].kv = { encoding: r.v_encoding, hex: hex(r.v) };
  });
  db.close();
  console.log(JSON.stringify(out));
} else {
  throw new Error("unknown mode " + mode);
}
