package dev.denokv.interop;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queue and watch of the SQLite backend against real Deno 2.9.5 on the same file: messages that
 * Deno enqueued are delivered to Java with Deno's payload bytes, Java's dead letters are readable by
 * Deno, messages Java requeued are delivered by Deno, and Java's consumer and watch see what a
 * running Deno process writes meanwhile.
 */
class SqliteQueueWatchInteropTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@Test
	void denoMessagesAreDeliveredToJavaAndDeadLettersAreReadableByDeno() throws Exception {
		Path file = this.dir.resolve("deno-queue.sqlite3");
		Deno.run(Deno.script(this.dir, "enqueue.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				await kv.enqueue({ msg: "A" });
				await kv.enqueue(new Uint8Array([1, 2, 3]));
				await kv.enqueue("later", { delay: 300 });
				await kv.enqueue({ msg: "dead" }, { keysIfUndelivered: [["dl", "x"], ["dl", "y"]], backoffSchedule: [] });
				kv.close();
				"""), List.of(file.toString()), Map.of(), 120);

		List<String> stored = new ArrayList<>();
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			h.transactions().read((c) -> {
				try (ResultSet rs = c.createStatement().executeQuery("SELECT data FROM queue")) {
					while (rs.next()) {
						stored.add(HEX.formatHex(rs.getBytes(1)));
					}
				}
				return null;
			});
			assertThat(stored).hasSize(4).contains("ff106f22036d73672201417b01"); // {msg:"A"}, as in vectors/queue.jsonl
			List<String> delivered = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				QueueMessage message = h.nextQueueMessage(WAIT);
				assertThat(message).as("message %d", i).isNotNull();
				String hex = HEX.formatHex(message.payload());
				delivered.add(hex);
				// The message with keysIfUndelivered and no retries fails: Java writes the dead letters.
				message.finish(!hex.contains(HEX.formatHex("dead".getBytes())));
			}
			assertThat(delivered).containsExactlyInAnyOrderElementsOf(stored);
			assertThat(h.nextQueueMessage(Duration.ofMillis(200))).isNull();
		}

		String out = Deno.run(Deno.script(this.dir, "read-dead.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				const x = await kv.get(["dl", "x"]);
				const y = await kv.get(["dl", "y"]);
				console.log(JSON.stringify({ x: x.value, y: y.value, same: x.versionstamp === y.versionstamp }));
				kv.close();
				"""), List.of(file.toString()), Map.of(), 120);
		assertThat(out.trim()).isEqualTo("{\"x\":{\"msg\":\"dead\"},\"y\":{\"msg\":\"dead\"},\"same\":true}");
	}

	@Test
	void javaSeesWhatARunningDenoProcessEnqueuesAndWrites() throws Exception {
		Path file = this.dir.resolve("shared.sqlite3");
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			byte[] watchedKey = HEX.parseHex("027700"); // ["w"]
			WatchStream watch = h.watch(List.of(watchedKey));
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			Future<QueueMessage> waiting = pool.submit(() -> h.nextQueueMessage(WAIT));

			// Deno opens the file Java created and writes while Java waits.
			String out = Deno.run(Deno.script(this.dir, "write.ts", """
					const kv = await Deno.openKv(Deno.args[0]);
					const r = await kv.set(["w"], "hello");
					await kv.enqueue({ from: "deno" });
					console.log(r.versionstamp);
					kv.close();
					"""), List.of(file.toString()), Map.of(), 120);
			Versionstamp denoVersionstamp = Versionstamp.parse(out.trim());

			QueueMessage message = waiting.get(30, TimeUnit.SECONDS);
			assertThat(message).isNotNull();
			assertThat(new String(message.payload(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("deno");
			message.finish(true);

			List<RawEntry> snapshot = watch.poll(WAIT);
			assertThat(snapshot).isNotNull().hasSize(1);
			RawEntry entry = snapshot.get(0);
			assertThat(entry).isNotNull();
			assertThat(entry.versionstamp()).isEqualTo(denoVersionstamp);
			assertThat(entry.value().encoding()).isEqualTo(ValueEncoding.V8);
			assertThat(entry.value().data()).isEqualTo(storedValue(h, watchedKey));
			assertThat(HEX.formatHex(entry.value().data())).endsWith("2205" + HEX.formatHex("hello".getBytes()));
			watch.close();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void messageRequeuedByJavaIsDeliveredByDeno() throws Exception {
		Path file = this.dir.resolve("java-requeue.sqlite3");
		byte[] msgA = HEX.parseHex("ff106f22036d73672201417b01"); // {msg:"A"}, written by Deno (vectors/queue.jsonl)
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			Enqueue enqueue = new Enqueue(msgA, System.currentTimeMillis(), List.of(), List.of(50, 60));
			assertThat(h.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of(enqueue))).ok()).isTrue();
			QueueMessage message = h.nextQueueMessage(WAIT);
			message.finish(false); // back in the queue with the rest of the schedule, written by Java
		}
		String out = Deno.run(Deno.script(this.dir, "listen.ts", """
				const kv = await Deno.openKv(Deno.args[0]);
				const timer = setTimeout(() => { console.log("timeout"); Deno.exit(2); }, 20000);
				const received = await new Promise((resolve) => kv.listenQueue((msg) => resolve(msg)));
				clearTimeout(timer);
				console.log(JSON.stringify(received));
				kv.close();
				"""), List.of(file.toString()), Map.of(), 120);
		assertThat(out.trim()).isEqualTo("{\"msg\":\"A\"}");
	}

	private static byte[] storedValue(SqliteDatabaseHandler h, byte[] key) {
		return h.transactions().read((c) -> {
			try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
				ps.setBytes(1, key);
				try (ResultSet rs = ps.executeQuery()) {
					return rs.next() ? rs.getBytes(1) : null;
				}
			}
		});
	}

}
