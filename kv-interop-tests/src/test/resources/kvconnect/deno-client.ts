// Runs the conformance workload with Deno: Deno.openKv(url or file path).
import { runSteps } from "./steps.mjs";

const [target, root, watch] = Deno.args;
const kv = await Deno.openKv(target);
const results = await runSteps(kv, Deno.KvU64, root, { watch: watch === "watch", enqueue: false });
kv.close();
console.log(JSON.stringify(results));
Deno.exit(0);
