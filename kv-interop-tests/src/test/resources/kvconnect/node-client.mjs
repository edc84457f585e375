// Runs the conformance workload with @deno/kv on Node: openKv(url or file path, {accessToken}).
import { createRequire } from "node:module";
import { runSteps } from "./steps.mjs";

const require = createRequire(process.env.NODE_PATH + "/");
const { openKv, KvU64 } = require("@deno/kv");

const [target, root] = process.argv.slice(2);
const kv = await openKv(target, { accessToken: process.env.DENO_KV_ACCESS_TOKEN });
const results = await runSteps(kv, KvU64, root, { watch: false, enqueue: true });
kv.close();
console.log(JSON.stringify(results));
process.exit(0);
