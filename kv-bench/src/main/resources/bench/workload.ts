// The reference workload (shared/bench/workload.md) on real Deno's SQLite backend.
// Usage: deno run -A --unstable-kv workload.ts <db file> <N>
// Prints one JSON object, like the Java benchmark, so both can be compared in one run.
const path = Deno.args[0];
const N = Number(Deno.args[1] ?? 20000);
for (const suffix of ["", "-wal", "-shm"]) {
  try { Deno.removeSync(path + suffix); } catch { /* absent */ }
}
const kv = await Deno.openKv(path);

function value(i: number) {
  return { id: i, name: "user-" + i, email: "user" + i + "@example.com", active: i % 2 == 0, score: i * 1.5, tags: ["alpha", "beta"] };
}
function shuffled(n: number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  let x = 42;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  for (let i = n - 1; i >= 1; i--) { const j = next() % (i + 1); const t = a[i]; a[i] = a[j]; a[j] = t; }
  return a;
}
function fail(msg: string): never { throw new Error("benchmark check failed: " + msg); }

const phases: Record<string, { ops: number; ms: number; ops_per_sec: number }> = {};
async function phase(name: string, ops: number, body: () => Promise<void>) {
  const t0 = performance.now();
  await body();
  const ms = performance.now() - t0;
  phases[name] = { ops, ms: Math.round(ms * 10) / 10, ops_per_sec: Math.round(ops / (ms / 1000)) };
}

const order = shuffled(N);
const stamps: string[] = new Array(N);
await phase("a_set_seq", N, async () => {
  for (let i = 0; i < N; i++) { const r = await kv.set(["bench", "user", i], value(i)); if (!r.ok) fail("set"); }
});
await phase("b_get_seq", N, async () => {
  for (const j of order) { const e = await kv.get(["bench", "user", j]); if (e.value === null) fail("get miss " + j); }
});
await phase("c_getMany_10", N, async () => {
  for (let b = 0; b < N; b += 10) {
    const keys = order.slice(b, b + 10).map((j) => ["bench", "user", j]);
    const es = await kv.getMany(keys);
    for (const e of es) if (e.value === null) fail("getMany miss");
  }
});
await phase("d_list_full", N, async () => {
  let n = 0;
  for await (const e of kv.list({ prefix: ["bench", "user"] })) { stamps[e.key[2] as number] = e.versionstamp; n++; }
  if (n !== N) fail("short list " + n);
});
const A = 2000;
await phase("e_atomic_1c2m", A, async () => {
  for (let i = 0; i < A; i++) {
    const v = value(i); v.score = -1;
    const r = await kv.atomic().check({ key: ["bench", "user", i], versionstamp: stamps[i] })
      .set(["bench", "user", i], v).set(["bench", "aux", i], i).commit();
    if (!r.ok) fail("atomic " + i);
  }
});
const S = 10000;
await phase("f_sum_u64", S, async () => {
  for (let i = 0; i < S; i++) { const r = await kv.atomic().sum(["bench", "counter"], 1n).commit(); if (!r.ok) fail("sum"); }
  const c = await kv.get<Deno.KvU64>(["bench", "counter"]);
  if (c.value?.value !== BigInt(S)) fail("counter " + c.value);
});
await phase("g_set_conc16", N, async () => {
  let next = 0;
  const worker = async () => {
    while (true) { const i = next++; if (i >= N) return; const r = await kv.set(["bench", "conc", i], value(i)); if (!r.ok) fail("conc set"); }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
});
kv.close();
console.log(JSON.stringify({ runtime: "deno " + Deno.version.deno, n: N, durability: "synchronous=FULL (Deno default)", phases }));
