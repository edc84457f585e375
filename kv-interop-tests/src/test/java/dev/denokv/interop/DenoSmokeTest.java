package dev.denokv.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that the pinned Deno is installed and can open a KV database. */
class DenoSmokeTest {

	@Test
	void denoIsInstalledAndOpensKv(@TempDir Path dir) {
		Path script = Deno.script(dir, "smoke.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				const r = await kv.set(["smoke"], 1);
				console.log(JSON.stringify({ version: Deno.version.deno, ok: r.ok }));
				kv.close();
				""");
		String out = Deno.run(script, List.of(dir.resolve("smoke.sqlite3").toString()), Map.of(), 60);
		assertThat(out.trim()).isEqualTo("{\"version\":\"" + Deno.VERSION + "\",\"ok\":true}");
	}

}
