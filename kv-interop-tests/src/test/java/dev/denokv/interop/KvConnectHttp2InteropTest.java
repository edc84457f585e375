package dev.denokv.interop;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Deno 2.9.5 sends every call to a database over one HTTP/2 connection (h2c on
 * {@code http://}), so the standalone server's per-connection HTTP/2 limits are its limits for a
 * Deno program. Each script fails (an exception, or a call that never returns before the process
 * timeout) where a limit gets in the way; bounded by count and by the process timeout.
 */
class KvConnectHttp2InteropTest {

	@TempDir
	Path dir;

	/**
	 * "Watch, take the first change, cancel, watch again": with Tomcat's default reset accounting,
	 * 5 to 7 such cycles in a row made it drop the connection (GOAWAY, ENHANCE_YOUR_CALM): Deno
	 * reconnected about every 15 cycles, retried what it lost, and now and then failed a call
	 * ("stream closed because of a broken pipe").
	 */
	@Test
	void watchesCancelledBackToBackKeepTheConnection() {
		String out;
		int connections;
		// The server first: connections to servers of other tests must not be counted.
		try (KvConnectTestServer server = server(); Http2Connections log = new Http2Connections()) {
			out = run(server, "watch-cancel.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				for (let i = 0; i < 150; i++) {
				  const reader = kv.watch([["watch-cancel", i]]).getReader();
				  await reader.read();
				  await reader.cancel();
				}
				await kv.set(["watch-cancel", "done"], true);
				console.log("cycles " + 150 + " " + (await kv.get(["watch-cancel", "done"])).value);
				kv.close();
				""");
			connections = log.count();
		}
		assertThat(out).contains("cycles 150 true");
		assertThat(connections).as("HTTP/2 connections Deno needed").isOne();
	}

	/**
	 * 150 open watches, then a write and a read on the same connection. At Tomcat's default of 100
	 * streams per connection the write waited for ever behind the watches, which never end.
	 */
	@Test
	void manyOpenWatchesLeaveRoomForReadsAndWrites() {
		String out;
		try (KvConnectTestServer server = server()) {
			out = run(server, "many-watches.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				const readers = [];
				for (let i = 0; i < 150; i++) {
				  readers.push(kv.watch([["many-watches", i]]).getReader());
				}
				await Promise.all(readers.map((r) => r.read()));
				const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("write blocked")), 20000));
				const write = (async () => {
				  await kv.set(["many-watches", "written"], 1);
				  return (await kv.get(["many-watches", "written"])).value;
				})();
				console.log("written " + await Promise.race([write, timeout]));
				await Promise.all(readers.map((r) => r.cancel()));
				kv.close();
				Deno.exit(0);
				""");
		}
		assertThat(out).contains("written 1");
	}

	private KvConnectTestServer server() {
		return KvConnectTestServer.start(SqliteOptions.file(this.dir.resolve("server.sqlite3")), (options) -> options);
	}

	private String run(KvConnectTestServer server, String name, String source) {
		return Deno.run(Deno.script(this.dir, name, source), List.of(server.server().url().toString()),
				Map.of("DENO_KV_ACCESS_TOKEN", KvConnectHttp.TOKEN), 120);
	}

}
