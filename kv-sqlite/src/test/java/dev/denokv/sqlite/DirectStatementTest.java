package dev.denokv.sqlite;

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

import dev.denokv.handler.RawEntry;
import dev.denokv.model.ValueEncoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct statement path returns exactly what the JDBC getters return, for many rows, one row
 * and none; leaves its statement reusable after success and failure; and binds updates like
 * {@code executeUpdate}.
 */
class DirectStatementTest {

	private static final String RANGE = "select k, v, v_encoding, version from kv where k >= ? and k < ? order by k limit ?";

	@TempDir
	Path dir;

	@Test
	void readsTheSameRowsAsTheJdbcGetters() throws SQLException {
		try (Connection connection = database(250)) {
			DirectStatement direct = new DirectStatement(connection.prepareStatement(RANGE));
			for (int limit : new int[] { 1000, 100, 1 }) {
				List<RawEntry> rows = new ArrayList<>();
				direct.queryAll(EntryRows::entry, rows, new byte[] { 1 }, new byte[] { 2 }, limit);
				assertThat(rows).hasSize(Math.min(limit, 250));
				assertThat(comparable(rows)).isEqualTo(comparable(jdbc(connection, limit)));
			}
			RawEntry first = direct.queryFirst(EntryRows::entry, new byte[] { 1 }, new byte[] { 2 }, 1);
			assertThat(first.key()).containsExactly(1, 0, 0);
			assertThat(first.value().encoding()).isEqualTo(ValueEncoding.V8);
			assertThat(first.value().data()).containsExactly(0, 7);
			assertThat(first.versionstamp().version()).isEqualTo(1_000_000_000_000L);
		}
	}

	@Test
	void readsNothingFromAnEmptyRangeAndLeavesTheStatementReusable() throws SQLException {
		try (Connection connection = database(3)) {
			DirectStatement direct = new DirectStatement(connection.prepareStatement(RANGE));
			RawEntry none = direct.queryFirst(EntryRows::entry, new byte[] { 2 }, new byte[] { 3 }, 10);
			assertThat(none).isNull();
			List<RawEntry> rows = new ArrayList<>();
			direct.queryAll(EntryRows::entry, rows, new byte[] { 2 }, new byte[] { 3 }, 10);
			assertThat(rows).isEmpty();
			direct.queryAll(EntryRows::entry, rows, new byte[] { 1 }, new byte[] { 2 }, 10);
			direct.queryAll(EntryRows::entry, rows, new byte[] { 1 }, new byte[] { 2 }, 10);
			assertThat(rows).hasSize(6);
			RawEntry some = direct.queryFirst(EntryRows::entry, new byte[] { 1 }, new byte[] { 2 }, 10);
			assertThat(some).isNotNull();
			// Left reset, so no read transaction stays open: another connection can truncate the WAL.
			try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("rows.sqlite3"));
					ResultSet rs = other.createStatement().executeQuery("pragma wal_checkpoint(truncate)")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getInt(1)).as("busy").isZero();
			}
		}
	}

	@Test
	void aRowThatFailsInSqliteFailsAsInJdbcAndTheStatementStaysUsable() throws SQLException {
		String failingThirdRow = "select k, v, v_encoding, case when version = 1000000000002 and ? "
				+ "then abs(-9223372036854775808) else version end from kv where k >= ? and k < ? order by k limit ?";
		try (Connection connection = database(5)) {
			DirectStatement direct = new DirectStatement(connection.prepareStatement(failingThirdRow));
			List<RawEntry> rows = new ArrayList<>();
			assertThatThrownBy(() -> direct.queryAll(EntryRows::entry, rows, 1, new byte[] { 1 }, new byte[] { 2 }, 10))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("integer overflow");
			rows.clear();
			direct.queryAll(EntryRows::entry, rows, 0, new byte[] { 1 }, new byte[] { 2 }, 10);
			assertThat(rows).hasSize(5);
		}
	}

	@Test
	void aStatementTheDriverClosedAfterAnErrorIsPreparedAgain() throws SQLException {
		String failingFirstRow = "select k, v, v_encoding, case when ? then abs(-9223372036854775808) else version end "
				+ "from kv where k >= ? and k < ? order by k limit ?";
		try (SqliteSession session = new SqliteSession(database(3))) {
			DirectStatement first = session.direct(failingFirstRow);
			List<RawEntry> rows = new ArrayList<>();
			assertThatThrownBy(() -> first.queryAll(EntryRows::entry, rows, 1, new byte[] { 1 }, new byte[] { 2 }, 10))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("integer overflow");
			// sqlite-jdbc closes a statement whose first step fails like this ...
			assertThat(first.isClosed()).isTrue();
			// ... and the session prepares it again instead of failing from now on.
			session.direct(failingFirstRow).queryAll(EntryRows::entry, rows, 0, new byte[] { 1 }, new byte[] { 2 }, 10);
			assertThat(rows).hasSize(3);
			assertThat(session.prepared(failingFirstRow).isClosed()).isFalse();
		}
	}

	@Test
	void updatesBindEveryParameterType() throws SQLException {
		try (Connection connection = database(0)) {
			DirectStatement insert = new DirectStatement(connection.prepareStatement("insert into kv values (?, ?, ?, ?)"));
			insert.execute(new byte[] { 1, 9 }, new byte[] { 4, 2 }, 3, 1L << 40);
			DirectStatement delete = new DirectStatement(connection.prepareStatement("delete from kv where k = ?"));
			insert.execute(new byte[] { 1, 10 }, new byte[] { 5 }, 1, 7L);
			delete.execute((Object) new byte[] { 1, 10 });
			List<RawEntry> rows = jdbc(connection, 10);
			assertThat(rows).hasSize(1);
			assertThat(rows.get(0).key()).containsExactly(1, 9);
			assertThat(rows.get(0).value().encoding()).isEqualTo(ValueEncoding.BYTES);
			assertThat(rows.get(0).versionstamp().version()).isEqualTo(1L << 40);
			assertThatThrownBy(() -> insert.execute(new byte[] { 1, 9 }, new byte[] { 1 }, 1, 1L))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("UNIQUE");
			insert.execute(new byte[] { 1, 11 }, new byte[] { 1 }, 1, 1L);
			assertThat(jdbc(connection, 10)).hasSize(2);
		}
	}

	private Connection database(int rows) throws SQLException {
		Connection connection = DriverManager.getConnection("jdbc:sqlite:" + this.dir.resolve("rows.sqlite3"));
		try (java.sql.Statement st = connection.createStatement()) {
			st.execute("pragma journal_mode = wal");
		}
		try (java.sql.Statement st = connection.createStatement()) {
			st.execute("create table kv (k blob primary key, v blob not null, v_encoding integer not null, "
					+ "version integer not null) without rowid");
		}
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

	private static List<RawEntry> jdbc(Connection connection, int limit) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(RANGE)) {
			ps.setBytes(1, new byte[] { 1 });
			ps.setBytes(2, new byte[] { 2 });
			ps.setInt(3, limit);
			List<RawEntry> out = new ArrayList<>();
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(new RawEntry(rs.getBytes(1),
							new dev.denokv.model.RawValue(ValueEncoding.ofCode(rs.getInt(3)), rs.getBytes(2)),
							dev.denokv.model.Versionstamp.ofVersion(rs.getLong(4))));
				}
			}
			return out;
		}
	}

	private static List<List<Object>> comparable(List<RawEntry> entries) {
		return entries.stream()
			.map((e) -> List.<Object>of(HexFormat.of().formatHex(e.key()), e.value(), e.versionstamp()))
			.toList();
	}

}
