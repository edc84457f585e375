package dev.denokv.core;

import java.nio.file.Path;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;

/** The {@link KvTemplate} contract on the SQLite backend, on a fresh temporary file per test. */
class SqliteKvTemplateTests extends KvTemplateContractTests implements KvQueueContract {

	@Override
	protected DatabaseHandler createHandler(Path dir) {
		return SqliteDatabaseHandler.open(dir.resolve("kv.sqlite3"));
	}

}
