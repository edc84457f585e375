package dev.denokv.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-connection pragmas of {@link SqliteOptions} reach both the writer and the readers. */
class ConnectionSettingsTest {

	@TempDir
	Path dir;

	@Test
	void readsAreMemoryMappedByDefault() {
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(this.dir.resolve("mapped.sqlite3"))) {
			assertThat(readerPragma(h, "mmap_size")).isEqualTo(SqliteOptions.DEFAULT_MMAP_SIZE);
			assertThat(writerPragma(h, "mmap_size")).isEqualTo(SqliteOptions.DEFAULT_MMAP_SIZE);
			assertThat(writerPragma(h, "synchronous")).isEqualTo(2); // FULL
		}
	}

	@Test
	void memoryMappingCanBeTurnedOff() {
		SqliteOptions options = SqliteOptions.file(this.dir.resolve("unmapped.sqlite3")).withMmapSize(0);
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(options)) {
			assertThat(readerPragma(h, "mmap_size")).isZero();
			assertThat(writerPragma(h, "mmap_size")).isZero();
		}
	}

	@Test
	void aFileInAMissingDirectoryIsRefusedWithThePath() {
		Path file = this.dir.resolve("missing").resolve("app.sqlite3");
		assertThatThrownBy(() -> SqliteDatabaseHandler.open(file)).isInstanceOf(dev.denokv.error.KvBackendException.class)
			.hasMessage("Cannot open SQLite database " + file + ": the directory " + file.getParent() + " does not exist");
	}

	@Test
	void aNegativeMapSizeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqliteOptions.inMemory().withMmapSize(-1))
			.withMessage("mmapSize must be >= 0");
	}

	private static long readerPragma(SqliteDatabaseHandler h, String name) {
		Long value = h.transactions().read((c) -> pragma(c, name));
		return value;
	}

	private static long writerPragma(SqliteDatabaseHandler h, String name) {
		Long value = h.transactions().write((c) -> pragma(c, name));
		return value;
	}

	private static long pragma(Connection connection, String name) throws SQLException {
		try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("pragma " + name)) {
			rs.next();
			return rs.getLong(1);
		}
	}

}
