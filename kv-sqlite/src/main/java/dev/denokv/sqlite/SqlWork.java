package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on a JDBC connection inside a transaction that the caller manages. */
@FunctionalInterface
public interface SqlWork<T> {

	T run(Connection connection) throws SQLException;

}
