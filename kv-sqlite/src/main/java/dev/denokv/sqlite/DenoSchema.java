package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Deno's schema migrations, statement for statement and character for character (denokv
 * {@code sqlite/backend.rs}), so that {@code sqlite_master} of a file we create is identical to one
 * Deno creates, and either side opens the other's files without migrating. Each inner list is one
 * migration; after migration {@code i} the row {@code (0, i)} is written to {@code migration_state}.
 */
final class DenoSchema {

	/** The schema version after all migrations. */
	static final int VERSION = 3;

	private static final String CREATE_MIGRATION_TABLE = """
			create table if not exists migration_state(
			  k integer not null primary key,
			  version integer not null
			)""";

	private static final List<List<String>> MIGRATIONS = List.of(
			List.of("""
					create table data_version (
					  k integer primary key,
					  version integer not null
					)""", "insert into data_version (k, version) values (0, 0)", """
					create table kv (
					  k blob primary key,
					  v blob not null,
					  v_encoding integer not null,
					  version integer not null
					) without rowid"""),
			List.of("""
					create table queue (
					  ts integer not null,
					  id text not null,
					  data blob not null,
					  backoff_schedule text not null,
					  keys_if_undelivered blob not null,

					  primary key (ts, id)
					)""", """
					create table queue_running(
					  deadline integer not null,
					  id text not null,
					  data blob not null,
					  backoff_schedule text not null,
					  keys_if_undelivered blob not null,

					  primary key (deadline, id)
					)"""),
			List.of("alter table kv add column seq integer not null default 0",
					"alter table data_version add column seq integer not null default 0",
					"alter table kv add column expiration_ms integer not null default -1",
					"create index kv_expiration_ms_idx on kv (expiration_ms)"));

	private DenoSchema() {
	}

	/**
	 * The schema version of a file, without changing it: 0 when it has no {@code migration_state}
	 * (a new or foreign file).
	 */
	static int versionOf(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet table = st.executeQuery(
						"select count(*) from sqlite_master where type = 'table' and name = 'migration_state'")) {
			if (!table.next() || table.getInt(1) == 0) {
				return 0;
			}
		}
		return storedVersion(connection);
	}

	/** The version row of {@code migration_state}, which must exist; 0 without the row. */
	private static int storedVersion(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement();
				ResultSet rs = st.executeQuery("select version from migration_state where k = 0")) {
			return rs.next() ? rs.getInt(1) : 0;
		}
	}

	/**
	 * Brings the schema up to date inside the caller's write transaction.
	 * @return the schema version found before migrating (0 for a new file)
	 */
	static int migrate(Connection connection) throws SQLException {
		try (Statement st = connection.createStatement()) {
			st.executeUpdate(CREATE_MIGRATION_TABLE);
			int current = storedVersion(connection);
			for (int i = current; i < MIGRATIONS.size(); i++) {
				for (String sql : MIGRATIONS.get(i)) {
					st.executeUpdate(sql);
				}
				try (PreparedStatement ps = connection
					.prepareStatement("replace into migration_state (k, version) values(?, ?)")) {
					ps.setInt(1, 0);
					ps.setInt(2, i + 1);
					ps.executeUpdate();
				}
			}
			return current;
		}
	}

}
