// Writes (when asked) and pages a database through Deno's own kv.list, for KvTemplate interop:
//   write <path> <cases.json>  writes the fixed data set below, then pages as "read" does
//   read <path> <cases.json>   for each case lists with its selector/options and prints the keys,
//                              values and the cursor Deno reports after the last one
// Keys are plain JSON arrays (strings and numbers only); selectors use the same form.
const [mode, path, casesJson] = Deno.args;
const kv = await Deno.openKv(path);

if (mode === "write") {
  for (let i = 0; i < 12; i++) {
    await kv.set(["items", i], `v${i}`);
    await kv.set(["items", `s${String(i).padStart(2, "0")}`], { n: i });
  }
  await kv.set(["items"], "the prefix itself");
  await kv.set(["other", 1], "outside");
}

const out: unknown[] = [];
if (casesJson) {
  for (const c of JSON.parse(casesJson)) {
    const it = kv.list(c.selector, c.options);
    const entries: unknown[] = [];
    for await (const e of it) entries.push({ key: e.key, value: e.value });
    let cursor: string | null;
    try {
      cursor = it.cursor;
    } catch (_) {
      cursor = null;
    }
    out.push({ entries, cursor });
  }
}
console.log(JSON.stringify(out));
kv.close();
