package dev.denokv.interop;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KvKey;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.testsupport.KeyDescriptors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQLite file format against real Deno 2.9.5: Java reads exactly what Deno wrote (keys, raw
 * values, encodings, versionstamps, queued messages), Deno reads exactly what Java wrote, and both
 * write the same file at the same time from two processes without losing a write. Values are
 * compared as raw bytes and encodings (V8 values are checked by Deno's own decoding when Java
 * writes them).
 */
class SqliteFileInteropTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final JsonMapper JSON = JsonMapper.shared();

	@TempDir
	Path dir;

	@Test
	void javaReadsExactlyWhatDenoWrote() throws Exception {
		Path file = this.dir.resolve("deno-wrote.sqlite3");
		JsonNode deno = JSON.readTree(runDeno("sqlite-deno-writes.ts", file.toString()));
		byte[] expired = KeyDescriptors.toKey(deno.get("expired")).encode();
		Map<String, JsonNode> denoEntries = new LinkedHashMap<>();
		for (JsonNode e : deno.get("entries")) {
			denoEntries.put(HEX.formatHex(KeyDescriptors.toKey(e.get("key")).encode()), e);
		}
		assertThat(denoEntries).as("Deno still lists its expired key").containsKey(HEX.formatHex(expired));
		Map<String, String[]> rows = rawRows(file);

		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(file)) {
			List<RawEntry> all = handler.snapshotRead(List.of(new ReadRange(new byte[] { 0 }, new byte[] { (byte) 0xff }, 1000, false)),
					Consistency.STRONG).get(0).entries();
			List<String> javaKeys = all.stream().map((e) -> HEX.formatHex(e.key())).toList();
			List<String> denoKeys = new ArrayList<>(denoEntries.keySet());
			denoKeys.remove(HEX.formatHex(expired)); // better than Deno: expired keys are never returned
			assertThat(javaKeys).containsExactlyElementsOf(denoKeys);
			for (RawEntry entry : all) {
				String k = HEX.formatHex(entry.key());
				JsonNode d = denoEntries.get(k);
				assertThat(entry.versionstamp().toString()).as(k).isEqualTo(d.get("versionstamp").asString());
				String[] row = rows.get(k);
				assertThat(HEX.formatHex(entry.value().data())).as(k).isEqualTo(row[0]);
				assertThat(entry.value().encoding().code()).as(k).isEqualTo(Integer.parseInt(row[1]));
				JsonNode value = d.get("value");
				switch (value.get("enc").asString()) {
					case "bytes" -> {
						assertThat(entry.value().encoding()).isEqualTo(ValueEncoding.BYTES);
						assertThat(HEX.formatHex(entry.value().data())).isEqualTo(value.get("v").asString());
					}
					case "u64" -> {
						assertThat(entry.value().encoding()).isEqualTo(ValueEncoding.LE64);
						assertThat(KvU64.fromLittleEndian(entry.value().data()).value())
							.isEqualTo(new BigInteger(value.get("v").asString()));
					}
					default -> assertThat(entry.value().encoding()).isEqualTo(ValueEncoding.V8);
				}
			}
			assertThat(u64(handler, KvKey.of("ctr"))).isEqualTo(7);
			assertThat(u64(handler, KvKey.of("max"))).isEqualTo(9);

			// The due message is delivered with Deno's payload bytes; the delayed one stays queued as Deno wrote it.
			QueueMessage message = handler.nextQueueMessage(Duration.ofSeconds(20));
			assertThat(message).isNotNull();
			assertThat(new String(message.payload(), StandardCharsets.ISO_8859_1)).contains("now");
			message.finish(true);
			List<String> queued = handler.transactions().read((c) -> {
				List<String> out = new ArrayList<>();
				try (ResultSet rs = c.createStatement().executeQuery("select backoff_schedule, keys_if_undelivered from queue")) {
					while (rs.next()) {
						out.add(rs.getString(1) + " " + rs.getString(2));
					}
				}
				return out;
			});
			assertThat(queued).containsExactly("[1,2] [[2,100,108,0]]");
		}
	}

	@Test
	void denoReadsExactlyWhatJavaWrote() throws Exception {
		Path file = this.dir.resolve("java-wrote.sqlite3");
		Map<String, String> expected = new LinkedHashMap<>(); // key hex -> "versionstamp|enc|value"
		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(file)) {
			List<KvKey> keys = List.of(KvKey.of("s", "hello"), KvKey.of("s", "é😀 a\u0000b"), KvKey.of("b", new byte[] { 0, 1, (byte) 255 }),
					KvKey.of("i", BigInteger.valueOf(-5)), KvKey.of("i", BigInteger.TWO.pow(70)), KvKey.of("n", 1.5),
					KvKey.of("n", -0.0), KvKey.of("n", Double.NaN), KvKey.of("n", Double.NEGATIVE_INFINITY),
					KvKey.of("bool", true), KvKey.of("bool", false), KvKey.of("mixed", "a", BigInteger.ONE, 2.5, true, new byte[] { 7 }));
			// V8 version 15 bytes written by hand, with the JSON Deno must decode them to.
			Map<String, String> v8 = new LinkedHashMap<>();
			v8.put("ff0f220568656c6c6f", "\"hello\"");
			v8.put("ff0f4954", "42");
			v8.put("ff0f4e000000000000f83f", "1.5");
			v8.put("ff0f30", "null");
			v8.put("ff0f54", "true");
			v8.put("ff0f6f22016149022201622201787b02", "{\"a\":1,\"b\":\"x\"}");
			v8.put("ff0f410249024904240002", "[1,2]");
			v8.put("ff0f5a107b00000000000000", "\"123n\"");
			List<String> v8Hex = new ArrayList<>(v8.keySet());
			for (int i = 0; i < keys.size(); i++) {
				byte[] k = keys.get(i).encode();
				RawValue value = switch (i % 3) {
					case 0 -> RawValue.v8(HEX.parseHex(v8Hex.get(i % v8Hex.size())));
					case 1 -> RawValue.bytes(new byte[] { (byte) i, 0, (byte) 0xff });
					default -> RawValue.u64(KvU64.ofBits(-1L - i));
				};
				Versionstamp vs = commit(handler, Mutation.set(k, value));
				expected.put(HEX.formatHex(k), vs + "|" + describe(value, v8));
			}
			byte[] longKey = KvKey.of("exp", "long").encode();
			Versionstamp vs = commit(handler, Mutation.set(longKey, RawValue.v8(HEX.parseHex("ff0f4954")),
					System.currentTimeMillis() + 3_600_000));
			expected.put(HEX.formatHex(longKey), vs + "|v8|42");
			// Already expired: hidden from Java, collected by Deno when it opens the file.
			commit(handler, Mutation.set(KvKey.of("exp", "gone").encode(), RawValue.v8(HEX.parseHex("ff0f30")), 1000));
			byte[] ctr = KvKey.of("ctr").encode();
			commit(handler, new Mutation(ctr, MutationType.SUM, RawValue.u64(KvU64.of(40)), 0));
			vs = commit(handler, new Mutation(ctr, MutationType.SUM, RawValue.u64(KvU64.of(2)), 0));
			expected.put(HEX.formatHex(ctr), vs + "|u64|42");
			byte[] log = KvKey.of("log").encode();
			vs = commit(handler, new Mutation(log, MutationType.SET_SUFFIX_VERSIONSTAMPED_KEY, RawValue.v8(HEX.parseHex("ff0f54")), 0));
			expected.put(HEX.formatHex(KvKey.of("log", vs.toString()).encode()), vs + "|v8|true");
			handler.atomicWrite(new AtomicWrite(List.of(), List.of(),
					List.of(new Enqueue(HEX.parseHex("ff0f220568656c6c6f"), 0, List.of(), null),
							new Enqueue(HEX.parseHex("ff0f6f22016149022201622201787b02"), System.currentTimeMillis() + 200,
									List.of(KvKey.of("dl").encode()), List.of(100)))));
		}

		JsonNode deno = JSON.readTree(runDeno("sqlite-deno-reads.ts", file.toString()));
		Map<String, String> actual = new LinkedHashMap<>();
		for (JsonNode e : deno.get("entries")) {
			JsonNode value = e.get("value");
			actual.put(HEX.formatHex(KeyDescriptors.toKey(e.get("key")).encode()),
					e.get("versionstamp").asString() + "|" + value.get("enc").asString() + "|" + value.get("v").asString());
		}
		assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
		List<String> messages = new ArrayList<>();
		deno.get("messages").forEach((m) -> messages.add(m.asString()));
		assertThat(messages).containsExactly("\"hello\"", "{\"a\":1,\"b\":\"x\"}");
	}

	@Test
	void javaAndDenoWriteTheSameFileConcurrently() throws Exception {
		Path file = this.dir.resolve("shared.sqlite3");
		int denoCommits = 400;
		int threads = 4;
		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(file)) {
			CompletableFuture<String> denoRun = CompletableFuture.supplyAsync(
					() -> runDeno("sqlite-deno-concurrent.ts", file.toString(), String.valueOf(denoCommits)));
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			List<Future<List<Versionstamp>>> futures = new ArrayList<>();
			byte[] ctr = KvKey.of("ctr").encode();
			for (int t = 0; t < threads; t++) {
				int id = t;
				futures.add(pool.submit(() -> {
					List<Versionstamp> stamps = new ArrayList<>();
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
					// Keep writing until Deno is done (bounded), so the two processes overlap.
					for (int i = 0; i < 20_000 && (i < 50 || !denoRun.isDone()) && System.nanoTime() < deadline; i++) {
						stamps.add(commit(handler, new Mutation(ctr, MutationType.SUM, RawValue.u64(KvU64.of(1)), 0),
								Mutation.set(KvKey.of("java", id, i).encode(), RawValue.v8(HEX.parseHex("ff0f4954")))));
					}
					return stamps;
				}));
			}
			List<Versionstamp> javaStamps = new ArrayList<>();
			for (Future<List<Versionstamp>> f : futures) {
				javaStamps.addAll(f.get(120, TimeUnit.SECONDS));
			}
			pool.shutdown();
			JsonNode deno = JSON.readTree(denoRun.get(120, TimeUnit.SECONDS));
			// Both processes wrote while the other was running; SQLite's lock is not fair, so one may
			// have waited for the other (never failed). Versionstamps stay unique across processes.
			assertThat(deno.get("count").asInt()).isEqualTo(denoCommits);
			assertThat(javaStamps).doesNotContain(Versionstamp.parse(deno.get("first").asString()),
					Versionstamp.parse(deno.get("last").asString()));
			assertThat(u64(handler, KvKey.of("ctr"))).isEqualTo(javaStamps.size() + denoCommits);
			assertThat(count(handler, KvKey.of("deno"))).isEqualTo(denoCommits);
			assertThat(count(handler, KvKey.of("java"))).isEqualTo(javaStamps.size());
			assertThat(javaStamps).doesNotHaveDuplicates();
		}
	}

	private static Versionstamp commit(SqliteDatabaseHandler handler, Mutation... mutations) {
		CommitResult result = handler.atomicWrite(AtomicWrite.of(List.of(mutations)));
		return ((CommitResult.Committed) result).versionstamp();
	}

	private static long u64(SqliteDatabaseHandler handler, KvKey key) {
		RawEntry e = handler.snapshotRead(List.of(ReadRange.single(key.encode())), Consistency.STRONG).get(0).entries().get(0);
		return KvU64.fromLittleEndian(e.value().data()).value().longValueExact();
	}

	private static int count(SqliteDatabaseHandler handler, KvKey prefix) {
		byte[] p = prefix.encode();
		byte[] start = java.util.Arrays.copyOf(p, p.length + 1);
		byte[] end = java.util.Arrays.copyOf(p, p.length + 1);
		end[p.length] = (byte) 0xff;
		int n = 0;
		while (true) {
			List<RawEntry> batch = handler.snapshotRead(List.of(new ReadRange(start, end, 1000, false)), Consistency.STRONG)
				.get(0).entries();
			if (batch.isEmpty()) {
				return n;
			}
			n += batch.size();
			byte[] last = batch.get(batch.size() - 1).key();
			start = java.util.Arrays.copyOf(last, last.length + 1);
		}
	}

	private static String describe(RawValue value, Map<String, String> v8) {
		return switch (value.encoding()) {
			case BYTES -> "bytes|" + HEX.formatHex(value.data());
			case LE64 -> "u64|" + KvU64.fromLittleEndian(value.data()).value();
			case V8 -> "v8|" + v8.get(HEX.formatHex(value.data()));
		};
	}

	/** Every kv row of the file, read with plain JDBC: key hex → [value hex, encoding]. */
	private static Map<String, String[]> rawRows(Path file) throws Exception {
		Map<String, String[]> rows = new LinkedHashMap<>();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select k, v, v_encoding from kv order by k")) {
			while (rs.next()) {
				rows.put(HEX.formatHex(rs.getBytes(1)), new String[] { HEX.formatHex(rs.getBytes(2)), rs.getString(3) });
			}
		}
		return rows;
	}

	private String runDeno(String script, String... args) {
		return Deno.run(Deno.scripts(this.dir, script, "sqlite-dump.ts", "key-descriptor.ts"), List.of(args), Map.of(),
				180);
	}

}
