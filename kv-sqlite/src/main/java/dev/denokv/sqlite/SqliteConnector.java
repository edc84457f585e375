package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Opens JDBC connections to the database file with the settings of {@link SqliteOptions}. Like
 * Deno, the writer switches the file to WAL; unlike Deno it also sets {@code synchronous} explicitly
 * (Deno relies on SQLite's default, which is FULL).
 */
final class SqliteConnector {

	private static final Logger logger = LoggerFactory.getLogger(SqliteConnector.class);

	private final SqliteOptions options;

	SqliteConnector(SqliteOptions options) {
		this.options = options;
	}

	Connection openWriter() throws SQLException {
		SQLiteConfig config = baseConfig();
		config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(this.options.synchronous().name()));
		Connection connection = config.createConnection(url());
		if (!this.options.isInMemory()) {
			try (Statement st = connection.createStatement()) {
				st.execute("PRAGMA journal_mode = WAL");
			}
			catch (SQLException ex) {
				// Same as Deno: a database that cannot switch to WAL still works, only with less concurrency.
				logger.warn("Failed to set journal_mode to WAL on {}: {}", this.options.path(), ex.getMessage());
			}
		}
		return connection;
	}

	Connection openReader() throws SQLException {
		SQLiteConfig config = baseConfig();
		config.setReadOnly(true);
		return config.createConnection(url());
	}

	private SQLiteConfig baseConfig() {
		SQLiteConfig config = new SQLiteConfig();
		// Otherwise the driver runs "select last_insert_rowid()" after every insert or update, for
		// getGeneratedKeys() that nothing here calls: a fifth of a small write's JDBC cost.
		config.setGetGeneratedKeys(false);
		config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, this.options.busyTimeout().toMillis()));
		if (!this.options.isInMemory()) {
			// Reads of the file's pages map the OS page cache instead of copying each page in.
			config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(this.options.mmapSize()));
		}
		return config;
	}

	private String url() {
		return "jdbc:sqlite:" + this.options.path();
	}

}
