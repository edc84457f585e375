package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The file we create has exactly Deno's schema, migration state and pragmas. */
class DenoSchemaTest {

	@Test
	void sqliteMasterEqualsDenos(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("kv.sqlite3");
		SqliteDatabaseHandler.open(file).close();
		List<String> expected = new ArrayList<>();
		for (JsonNode row : SharedVectors.json("sqlite-tables.json").get("sqlite_master")) {
			expected.add(row.get("type").asString() + "|" + row.get("name").asString() + "|"
					+ row.get("tbl_name").asString() + "|" + (row.get("sql").isNull() ? null : row.get("sql").asString()));
		}
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			List<String> actual = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("select type, name, tbl_name, sql from sqlite_master")) {
				while (rs.next()) {
					actual.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
				}
			}
			assertThat(actual).containsExactlyElementsOf(expected);
			assertThat(query(st, "select k || ',' || version from migration_state")).containsExactly("0,3");
			assertThat(query(st, "select k || ',' || version || ',' || seq from data_version")).containsExactly("0,0,0");
			assertThat(query(st, "pragma journal_mode")).containsExactly("wal");
			assertThat(query(st, "pragma page_size")).containsExactly("4096");
			assertThat(query(st, "pragma user_version")).containsExactly("0");
			assertThat(query(st, "pragma schema_version")).containsExactly("9");
		}
	}

	@Test
	void schemaSqlEqualsDenoSchemaDump(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("kv.sqlite3");
		SqliteDatabaseHandler.open(file).close();
		StringBuilder dump = new StringBuilder();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
				ResultSet rs = st.executeQuery("select sql from sqlite_master where sql is not null")) {
			while (rs.next()) {
				dump.append(rs.getString(1)).append(";\n");
			}
		}
		String expected = Files.readString(SharedVectors.vector("sqlite-schema.sql"));
		expected = expected.substring(expected.indexOf('\n') + 1); // drop the comment line
		assertThat(dump.toString()).isEqualTo(expected);
	}

	@Test
	void reopeningDoesNotMigrateAgain(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("kv.sqlite3");
		SqliteDatabaseHandler.open(file).close();
		SqliteDatabaseHandler.open(file).close();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
			assertThat(query(st, "pragma schema_version")).containsExactly("9");
			assertThat(query(st, "select count(*) from data_version")).containsExactly("1");
		}
	}

	static List<String> query(Statement st, String sql) throws Exception {
		List<String> out = new ArrayList<>();
		try (ResultSet rs = st.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

}
