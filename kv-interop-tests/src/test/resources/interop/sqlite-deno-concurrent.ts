// Writes to the same file as a running Java process: N commits, each a sum on a shared counter
// plus a key of its own. Prints the first and last versionstamps.
const kv = await Deno.openKv(Deno.args[0]);
const n = Number(Deno.args[1]);
const stamps: string[] = [];
for (let i = 0; i < n; i++) {
  const r = await kv.atomic().sum(["ctr"], 1n).set(["deno", i], i).commit();
  if (!r.ok) throw new Error("commit failed");
  stamps.push(r.versionstamp);
}
console.log(JSON.stringify({ first: stamps[0], last: stamps[n - 1], count: n }));
kv.close();
