package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handlers a test opened, closed after it, newest first: a test field marked
 * {@code @AutoClose}.
 */
final class OpenedHandlers implements AutoCloseable {

	private final List<SqliteDatabaseHandler> handlers = new ArrayList<>();

	/** Opens {@code file} with the given queue timing, to be closed after the test. */
	SqliteDatabaseHandler open(Path file, SqliteQueueSettings settings) {
		SqliteDatabaseHandler h = SqliteDatabaseHandler.open(SqliteOptions.file(file).withQueue(settings));
		this.handlers.add(h);
		return h;
	}

	@Override
	public void close() {
		for (int i = this.handlers.size() - 1; i >= 0; i--) {
			this.handlers.get(i).close();
		}
	}

}
