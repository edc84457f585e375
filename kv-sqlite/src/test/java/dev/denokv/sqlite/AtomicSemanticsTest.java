package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;
import dev.denokv.testsupport.SharedVectors;

import static dev.denokv.sqlite.TestData.HEX;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Replays the experiments of {@code vectors/atomic.jsonl} (recorded from real Deno) and compares
 * the resulting rows and {@code data_version} deltas. Where Deno keeps a half-applied write, we
 * check our better behaviour instead.
 */
class AtomicSemanticsTest {

	@TempDir
	Path dir;

	SqliteDatabaseHandler handler;

	Path file;

	final Map<String, JsonNode> vectors = new HashMap<>();

	@BeforeEach
	void open() {
		this.file = this.dir.resolve("kv.sqlite3");
		this.handler = SqliteDatabaseHandler.open(this.file);
		for (JsonNode line : SharedVectors.jsonLines("atomic.jsonl")) {
			this.vectors.put(line.get("name").asString(), line);
		}
	}

	@AfterEach
	void close() {
		this.handler.close();
	}

	@Test
	void numericMutationsMatchDeno() throws Exception {
		byte[] sum = key("ctr", "sum");
		byte[] min = key("ctr", "min");
		byte[] max = key("ctr", "max");
		run("sum_on_missing_key_5", write(new Mutation(sum, MutationType.SUM, u64(5), 0)));
		run("sum_wraps_2p64m1", write(new Mutation(sum, MutationType.SUM, u64(-1L), 0)));
		run("sum_kvu64_object_operand", write(new Mutation(sum, MutationType.SUM, u64(10), 0)));
		run("min_on_missing_key_10", write(new Mutation(min, MutationType.MIN, u64(10), 0)));
		run("min_3", write(new Mutation(min, MutationType.MIN, u64(3), 0)));
		run("max_on_missing_key_10", write(new Mutation(max, MutationType.MAX, u64(10), 0)));
		run("max_30", write(new Mutation(max, MutationType.MAX, u64(30), 0)));
	}

	@Test
	void setsChecksAndDeletesMatchDeno() throws Exception {
		byte[] x = key("at", "x");
		byte[] y = key("at", "y");
		CommitResult two = run("set_two_keys_one_commit",
				write(Mutation.set(x, v8("ff104902")), Mutation.set(y, v8("ff104904"))));
		Versionstamp vsX = ((CommitResult.Committed) two).versionstamp();
		run("check_correct_versionstamp_then_set",
				new AtomicWrite(List.of(new Check(x, vsX)), List.of(Mutation.set(x, v8("ff104906"))), List.of()));
		run("check_stale_versionstamp_fails",
				new AtomicWrite(List.of(new Check(x, vsX)), List.of(Mutation.set(x, v8("ff104908"))), List.of()));
		run("check_null_on_existing_fails",
				new AtomicWrite(List.of(new Check(x, null)), List.of(Mutation.set(x, v8("ff104908"))), List.of()));
		run("check_null_on_missing_ok", new AtomicWrite(List.of(new Check(key("at", "new"), null)),
				List.of(Mutation.set(key("at", "new"), v8("ff104902"))), List.of()));
		run("delete_existing", write(Mutation.delete(y)));
		run("set_then_delete_same_key_same_commit",
				write(Mutation.set(key("at", "sd"), v8("ff104902")), Mutation.delete(key("at", "sd"))));
		run("two_sets_same_key_same_commit",
				write(Mutation.set(key("at", "ss"), v8("ff104902")), Mutation.set(key("at", "ss"), v8("ff104904"))));
	}

	@Test
	void deleteOfMissingKeyCommits() throws Exception {
		long before = dataVersion();
		CommitResult result = this.handler.atomicWrite(write(Mutation.delete(key("at", "nope"))));
		assertThat(result.ok()).isTrue();
		assertThat(dataVersion() - before).isBetween(1L, 9L);
	}

	@Test
	void sumOnV8ValueFailsWithDenosMessageAndLeavesNoTrace() throws Exception {
		byte[] x = key("at", "x");
		TestData.set(this.handler, x, v8("ff104906"));
		List<String> rowsBefore = rows();
		long before = dataVersion();
		// Deno keeps the set and the version bump (data_version_delta 5 in the vector); we keep nothing.
		assertThat(this.vectors.get("sum_on_v8_value_fails").get("error").get("message").asString())
			.isEqualTo("Failed to perform 'sum' mutation on a non-U64 value in the database");
		assertThatThrownBy(() -> this.handler.atomicWrite(write(Mutation.set(key("at", "other"), v8("ff104902")),
				new Mutation(x, MutationType.SUM, u64(1), 0))))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
		assertThat(dataVersion()).isEqualTo(before);
		assertThat(rows()).isEqualTo(rowsBefore);
	}

	@Test
	void minMaxWithNonU64OperandFail() {
		assertThatThrownBy(() -> this.handler.atomicWrite(write(new Mutation(key("m"), MutationType.MIN, v8("ff0f4902"), 0))))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'min' mutation on a non-U64 operand");
		assertThatThrownBy(() -> this.handler.atomicWrite(write(new Mutation(key("m"), MutationType.MAX, RawValue.bytes(new byte[8]), 0))))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'max' mutation on a non-U64 operand");
	}

	@Test
	void sumClearsExpiry() throws Exception {
		byte[] k = key("ctr", "exp");
		this.handler.atomicWrite(write(Mutation.set(k, u64(1), System.currentTimeMillis() + 3_600_000)));
		this.handler.atomicWrite(write(new Mutation(k, MutationType.SUM, u64(1), 0)));
		assertThat(rows()).containsExactly(HEX.formatHex(k) + "|0200000000000000|2|-1");
	}

	@Test
	void expireInIsStoredAsAbsoluteMillis() throws Exception {
		long now = System.currentTimeMillis();
		byte[] k = key("exp", "long");
		this.handler.atomicWrite(write(Mutation.set(k, v8("ff1022014c"), now + 3_600_000)));
		JsonNode row = this.vectors.get("set_expireIn_1h").get("entries").get(0).get("rows").get(0);
		assertThat(rows()).containsExactly(row.get("k_hex").asString() + "|" + row.get("v_hex").asString() + "|1|"
				+ (now + 3_600_000));
	}

	@Test
	void versionstampedKeySuffix() throws Exception {
		byte[] prefix = key("log");
		CommitResult.Committed c = (CommitResult.Committed) this.handler.atomicWrite(write(
				new Mutation(prefix, MutationType.SET_SUFFIX_VERSIONSTAMPED_KEY, v8("ff0f4902"), 0)));
		byte[] expected = key("log", c.versionstamp().toString());
		assertThat(TestData.get(this.handler, expected)).isNotNull();
		assertThat(TestData.get(this.handler, expected).versionstamp()).isEqualTo(c.versionstamp());
	}

	@Test
	void emptyCommitMovesTheVersion() throws Exception {
		long before = dataVersion();
		CommitResult result = this.handler.atomicWrite(new AtomicWrite(List.of(), List.of(), List.of()));
		assertThat(((CommitResult.Committed) result).versionstamp().version()).isEqualTo(dataVersion());
		assertThat(dataVersion() - before).isBetween(1L, 9L);
	}

	@Test
	void versionstampIsDataVersionBigEndianPlusTwoZeroBytes() throws Exception {
		CommitResult.Committed c = TestData.set(this.handler, key("vs"), v8("ff0f4902"));
		long v = dataVersion();
		assertThat(c.versionstamp().toString()).isEqualTo(String.format("%016x0000", v));
		JsonNode vs = SharedVectors.json("versionstamps.json");
		for (JsonNode e : vs.get("entries")) {
			assertThat(Versionstamp.ofVersion(e.get("sqlite_version").asLong()).toString())
				.isEqualTo(e.get("deno_versionstamp").asString());
		}
	}

	/** Runs a write and compares result shape, version delta and affected rows with the vector. */
	private CommitResult run(String name, AtomicWrite write) throws Exception {
		JsonNode vector = this.vectors.get(name);
		long before = dataVersion();
		CommitResult result = this.handler.atomicWrite(write);
		long after = dataVersion();
		boolean ok = vector.get("result").get("ok").asBoolean();
		assertThat(result.ok()).as(name).isEqualTo(ok);
		long denoDelta = vector.get("data_version_after").asLong() - vector.get("data_version_before").asLong();
		if (ok) {
			assertThat(after - before).as(name + " version delta").isBetween(1L, 9L);
			assertThat(((CommitResult.Committed) result).versionstamp().version()).isEqualTo(after);
		}
		else {
			assertThat(denoDelta).isZero();
			assertThat(after).as(name + " failed check moves nothing").isEqualTo(before);
		}
		for (JsonNode entry : vector.get("entries")) {
			for (JsonNode row : entry.get("rows")) {
				String k = row.get("k_hex").asString();
				String expected = k + "|" + row.get("v_hex").asString() + "|" + row.get("v_encoding").asInt() + "|"
						+ row.get("expiration_ms").asLong();
				assertThat(rows()).as(name).contains(expected);
			}
			if (entry.get("rows").isEmpty()) {
				assertThat(TestData.get(this.handler, key(keyParts(entry)))).as(name + " absent").isNull();
			}
		}
		return result;
	}

	/** {@code [ "at", "y" ]} → ["at", "y"] (the vectors' key_repr of two-string keys). */
	private static Object[] keyParts(JsonNode entry) {
		String repr = entry.get("key_repr").asString();
		List<Object> parts = new ArrayList<>();
		for (String p : repr.replace("[", "").replace("]", "").split(",")) {
			parts.add(p.trim().replace("\"", ""));
		}
		return parts.toArray();
	}

	private static AtomicWrite write(Mutation... mutations) {
		return AtomicWrite.of(List.of(mutations));
	}

	private static RawValue v8(String hex) {
		return RawValue.v8(HEX.parseHex(hex));
	}

	private long dataVersion() throws Exception {
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + this.file); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select version from data_version where k = 0")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Every kv row as {@code khex|vhex|encoding|expiration_ms}. */
	private List<String> rows() throws Exception {
		List<String> out = new ArrayList<>();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + this.file); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select k, v, v_encoding, expiration_ms from kv order by k")) {
			while (rs.next()) {
				out.add(HEX.formatHex(rs.getBytes(1)) + "|" + HEX.formatHex(rs.getBytes(2)) + "|" + rs.getInt(3) + "|"
						+ rs.getLong(4));
			}
		}
		return out;
	}

}
