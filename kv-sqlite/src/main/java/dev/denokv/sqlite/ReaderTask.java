package dev.denokv.sqlite;

import java.sql.SQLException;

/** Work for a read connection; it manages its own read transaction if it needs more than one statement. */
@FunctionalInterface
interface ReaderTask<T> {

	T run(SqliteSession session) throws SQLException;

}
