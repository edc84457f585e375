// Deno opens a database Java wrote, prints every entry, then takes the two queued messages.
import { dump, json } from "./sqlite-dump.ts";
const kv = await Deno.openKv(Deno.args[0]);
const entries = await dump(kv);
const messages: string[] = [];
await new Promise<void>((resolve) => {
  kv.listenQueue((m) => {
    messages.push(json(m));
    if (messages.length === 2) resolve();
  });
});
console.log(JSON.stringify({ entries, messages: messages.sort() }));
kv.close();
Deno.exit(0);
