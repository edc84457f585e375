package dev.denokv.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.denokv.key.KvKey;
import dev.denokv.model.RawValue;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.value.JacksonKvValueCodec;

/**
 * The floor under the sequential write phases on this disk: the least a Deno-compatible commit
 * can do (one upsert into {@code kv} and one bump of {@code data_version} in a
 * {@code BEGIN IMMEDIATE ... COMMIT}, {@code synchronous=FULL}) with plain sqlite-jdbc prepared
 * statements and keys and values encoded beforehand, outside the timing. No library code runs in
 * the loop, so the Java backend cannot beat this figure; it shows how much of a phase is the disk.
 */
final class PlainJdbcFloor {

	private PlainJdbcFloor() {
	}

	static Map<String, Workload.PhaseResult> run(Path file, int n) throws Exception {
		for (String suffix : new String[] { "", "-wal", "-shm" }) {
			Files.deleteIfExists(Path.of(file + suffix));
		}
		SqliteDatabaseHandler.open(file).close(); // Deno's schema, as the backend creates it
		JacksonKvValueCodec codec = new JacksonKvValueCodec();
		byte[][] keys = new byte[n][];
		RawValue[] values = new RawValue[n];
		for (int i = 0; i < n; i++) {
			keys[i] = KvKey.of("bench", "user", i).encode();
			values[i] = codec.encode(BenchUser.of(i));
		}
		// Without generated keys, as the backend's writer: otherwise the driver runs a
		// "select last_insert_rowid()" after every insert, and the floor would not be one.
		org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
		config.setGetGeneratedKeys(false);
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
				Statement st = c.createStatement()) {
			st.execute("PRAGMA journal_mode = WAL");
			st.execute("PRAGMA synchronous = FULL");
			try (PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE");
					PreparedStatement upsert = c.prepareStatement("insert into kv (k, v, v_encoding, version, expiration_ms) "
							+ "values (?, ?, ?, ?, -1) on conflict(k) do update set v = excluded.v, "
							+ "v_encoding = excluded.v_encoding, version = excluded.version, expiration_ms = -1");
					PreparedStatement bump = c.prepareStatement("update data_version set version = ? where k = 0");
					PreparedStatement commit = c.prepareStatement("COMMIT")) {
				long t0 = System.nanoTime();
				for (int i = 0; i < n; i++) {
					begin.execute();
					upsert.setBytes(1, keys[i]);
					upsert.setBytes(2, values[i].data());
					upsert.setInt(3, values[i].encoding().code());
					upsert.setLong(4, i + 1);
					upsert.executeUpdate();
					bump.setLong(1, i + 1);
					bump.executeUpdate();
					commit.execute();
				}
				double ms = (System.nanoTime() - t0) / 1e6;
				Map<String, Workload.PhaseResult> run = new LinkedHashMap<>();
				run.put("a_set_seq", new Workload.PhaseResult(n, ms));
				return run;
			}
		}
	}

}
