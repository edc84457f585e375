package dev.denokv.interop;

import java.nio.file.Path;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.server.testsupport.MemoryDatabaseHandler;

/** The backend the KV Connect conformance test serves. */
final class ConformanceBackend {

	private ConformanceBackend() {
	}

	/**
	 * The handler to serve. Until the SQLite backend lands on main this is the server module's
	 * in-memory test handler; then it becomes {@code SqliteDatabaseHandler} on {@code file}.
	 */
	static DatabaseHandler open(Path file) {
		return new MemoryDatabaseHandler();
	}

}
