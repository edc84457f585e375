package dev.denokv.autoconfigure.health;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

/**
 * SQLite: the database file's absolute path (or {@code :memory:}) and durability; the check reads
 * one key and SQLite's version and journal mode on a read connection.
 */
class SqliteHealthDetails implements DenoKvHealthDetails {

	@Override
	public Map<String, Object> describe(DatabaseHandler handler) {
		SqliteOptions options = ((SqliteDatabaseHandler) handler).options();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("path", options.isInMemory() ? options.path() : Path.of(options.path()).toAbsolutePath().toString());
		details.put("synchronous", options.synchronous().name());
		return details;
	}

	@Override
	public Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) {
		GenericHealthDetails.read(handler, probeKey);
		return ((SqliteDatabaseHandler) handler).transactions().read((connection) -> {
			Map<String, Object> details = new LinkedHashMap<>();
			try (Statement statement = connection.createStatement()) {
				try (ResultSet version = statement.executeQuery("SELECT sqlite_version()")) {
					version.next();
					details.put("sqliteVersion", version.getString(1));
				}
				try (ResultSet journal = statement.executeQuery("PRAGMA journal_mode")) {
					journal.next();
					details.put("journalMode", journal.getString(1));
				}
			}
			return details;
		});
	}

}
