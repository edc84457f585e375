package dev.denokv.sqlite;

import java.sql.SQLException;

/** Work for the writer connection inside a write transaction managed by {@link GroupCommit}. */
@FunctionalInterface
interface WriterTask<T> {

	T run(WriterSession session) throws SQLException;

}
