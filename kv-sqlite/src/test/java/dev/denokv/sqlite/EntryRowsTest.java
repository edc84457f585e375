package dev.denokv.sqlite;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CoreStatement;

import dev.denokv.handler.RawEntry;
import dev.denokv.model.ValueEncoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct row reader returns exactly what the JDBC getters return, for many rows, one row and
 * none, and still works for a statement that is not sqlite-jdbc's own.
 */
class EntryRowsTest {

	private static final String RANGE = "select k, v, v_encoding, version from kv where k >= ? and k < ? order by k limit ?";

	@TempDir
	Path dir;

	@Test
	void readsTheSameRowsAsTheJdbcGetters() throws SQLException {
		try (Connection connection = database(250)) {
			for (int limit : new int[] { 1000, 100, 1 }) {
				List<RawEntry> direct = read(connection, false, limit);
				List<RawEntry> wrapped = read(connection, true, limit);
				assertThat(direct).hasSize(Math.min(limit, 250));
				assertThat(comparable(direct)).isEqualTo(comparable(wrapped));
			}
			RawEntry first = read(connection, false, 1).get(0);
			assertThat(first.key()).containsExactly(1, 0, 0);
			assertThat(first.value().encoding()).isEqualTo(ValueEncoding.V8);
			assertThat(first.value().data()).containsExactly(0, 7);
			assertThat(first.versionstamp().version()).isEqualTo(1_000_000_000_000L);
		}
	}

	@Test
	void readsNothingFromAnEmptyRangeAndLeavesTheStatementReusable() throws SQLException {
		try (Connection connection = database(3)) {
			PreparedStatement ps = connection.prepareStatement(RANGE);
			assertThat(run(ps, ps, new byte[] { 2 }, 10)).isEmpty();
			assertThat(run(ps, ps, new byte[] { 1 }, 10)).hasSize(3);
			assertThat(run(ps, ps, new byte[] { 1 }, 10)).hasSize(3);
		}
	}

	@Test
	void aRowThatFailsInSqliteFailsAsInJdbc() throws SQLException {
		String failingThirdRow = "select k, v, v_encoding, case when version = 1000000000002 "
				+ "then abs(-9223372036854775808) else version end from kv where k >= ? and k < ? order by k limit ?";
		try (Connection connection = database(5)) {
			for (boolean wrapped : new boolean[] { false, true }) {
				PreparedStatement ps = connection.prepareStatement(failingThirdRow);
				PreparedStatement seen = wrapped ? delegating(ps) : ps;
				assertThatThrownBy(() -> run(seen, ps, new byte[] { 1 }, 10)).isInstanceOf(SQLException.class)
					.hasMessageContaining("integer overflow");
			}
		}
	}

	private Connection database(int rows) throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("rows.sqlite3"));
		connection.createStatement()
			.execute("create table kv (k blob primary key, v blob not null, v_encoding integer not null, "
					+ "version integer not null) without rowid");
		try (PreparedStatement insert = connection.prepareStatement("insert into kv values (?, ?, ?, ?)")) {
			for (int i = 0; i < rows; i++) {
				insert.setBytes(1, new byte[] { 1, (byte) (i >> 8), (byte) i });
				insert.setBytes(2, new byte[] { (byte) i, 7 });
				insert.setInt(3, (i % 2 == 0) ? 1 : 3);
				insert.setLong(4, 1_000_000_000_000L + i);
				insert.executeUpdate();
			}
		}
		return connection;
	}

	private List<RawEntry> read(Connection connection, boolean wrapped, int limit) throws SQLException {
		PreparedStatement ps = connection.prepareStatement(RANGE);
		PreparedStatement seen = wrapped ? delegating(ps) : ps;
		assertThat(seen instanceof CoreStatement).isEqualTo(!wrapped);
		return run(seen, ps, new byte[] { 1 }, limit);
	}

	private static List<RawEntry> run(PreparedStatement seen, PreparedStatement ps, byte[] start, int limit)
			throws SQLException {
		ps.setBytes(1, start);
		ps.setBytes(2, new byte[] { (byte) (start[0] + 1) });
		ps.setInt(3, limit);
		List<RawEntry> out = new ArrayList<>();
		try (ResultSet rs = ps.executeQuery()) {
			EntryRows.readAll(seen, rs, out);
		}
		return out;
	}

	private static List<List<Object>> comparable(List<RawEntry> entries) {
		return entries.stream()
			.map((e) -> List.<Object>of(HexFormat.of().formatHex(e.key()), e.value(), e.versionstamp()))
			.toList();
	}

	/** The same statement behind another class, as a connection pool would hand it out. */
	private static PreparedStatement delegating(PreparedStatement target) {
		return (PreparedStatement) Proxy.newProxyInstance(EntryRowsTest.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
					try {
						return method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
