package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvReadOnlyException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.list;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database opened read-only, as Deno opens a file it cannot write: reads and watches work, every
 * write fails with Deno's message, and nothing in the file changes.
 */
class ReadOnlyDatabaseTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	private Path fileWithEntries() throws SQLException {
		Path file = this.dir.resolve("ro.sqlite3");
		try (SqliteDatabaseHandler writer = SqliteDatabaseHandler.open(file)) {
			set(writer, key("ro", "a"), v8String("A"));
			set(writer, key("ro", "b"), v8String("B"));
		}
		// An expired row for the read-only side, inserted after the writer closed so that no
		// sweeper of ours can delete it first: it must stay hidden without being deleted.
		try (Connection c = QueueWatchTestSupport.otherProcess(file);
				PreparedStatement insert = c.prepareStatement(
						"insert into kv (k, v, v_encoding, version, expiration_ms) values (?, ?, ?, 1, ?)")) {
			insert.setBytes(1, key("ro", "gone"));
			insert.setBytes(2, v8String("G").data());
			insert.setInt(3, v8String("G").encoding().code());
			insert.setLong(4, System.currentTimeMillis() - 1000);
			insert.executeUpdate();
		}
		return file;
	}

	private static int rowsWithKey(Path file, byte[] key) throws SQLException {
		try (Connection c = QueueWatchTestSupport.otherProcess(file);
				PreparedStatement count = c.prepareStatement("select count(*) from kv where k = ?")) {
			count.setBytes(1, key);
			try (ResultSet rs = count.executeQuery()) {
				rs.next();
				return rs.getInt(1);
			}
		}
	}

	private static SqliteOptions readOnly(Path file) {
		return SqliteOptions.file(file).withReadOnly(true).withExpirySweepInterval(Duration.ofMillis(10));
	}

	@Test
	void readsWorkAndExpiredKeysStayHiddenWithoutASweeper() throws Exception {
		Path file = fileWithEntries();
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(readOnly(file))) {
			assertThat(h.isReadOnly()).isTrue();
			assertThat(get(h, key("ro", "a")).value()).isEqualTo(v8String("A"));
			Thread.sleep(100);
			assertThat(list(h, key("ro"))).extracting(RawEntry::value).containsExactly(v8String("A"), v8String("B"));
			assertThatThrownBy(h::sweepExpired).isInstanceOf(KvReadOnlyException.class);
		}
		assertThat(rowsWithKey(file, key("ro", "gone"))).as("the expired row is still in the file").isEqualTo(1);
	}

	@Test
	void everyWriteFailsWithDenosMessageAfterTheLimitChecks() throws Exception {
		Path file = fileWithEntries();
		long sizeBefore = Files.size(file);
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(readOnly(file))) {
			long versionBefore = QueueWatchTestSupport.version(h);
			AtomicWrite write = AtomicWrite.of(List.of(Mutation.set(key("ro", "new"), v8String("N"), 0)));
			assertThatThrownBy(() -> h.atomicWrite(write)).isInstanceOf(KvReadOnlyException.class)
				.hasMessage("Can not write to a read-only database.");
			assertThatThrownBy(() -> h.atomicWriteAsync(write).join()).isInstanceOf(CompletionException.class)
				.hasCauseInstanceOf(KvReadOnlyException.class);
			// Deno checks the request before the backend refuses it.
			AtomicWrite tooBig = AtomicWrite.of(List.of(Mutation.set(new byte[2049], v8String("N"), 0)));
			assertThatThrownBy(() -> h.atomicWrite(tooBig)).isInstanceOf(KvInvalidArgumentException.class);
			assertThatThrownBy(() -> h.transactions().write((c) -> null)).isInstanceOf(KvReadOnlyException.class);
			assertThatThrownBy(() -> h.nextQueueMessage(Duration.ofMillis(10)))
				.isInstanceOf(UnsupportedOperationException.class)
				.hasMessageContaining("read-only");
			assertThat(QueueWatchTestSupport.version(h)).isEqualTo(versionBefore);
		}
		assertThat(Files.size(file)).isEqualTo(sizeBefore);
	}

	@Test
	void aWatchSeesWhatAnotherHandlerWritesToTheFile() throws Exception {
		Path file = fileWithEntries();
		try (SqliteDatabaseHandler writer = SqliteDatabaseHandler.open(file);
				SqliteDatabaseHandler reader = SqliteDatabaseHandler
					.open(readOnly(file).withWatchPollInterval(Duration.ofMillis(20)));
				WatchStream watch = reader.watch(List.of(key("ro", "a")))) {
			assertThat(watch.poll(WAIT)).extracting(RawEntry::value).containsExactly(v8String("A"));
			set(writer, key("ro", "a"), v8String("A2"));
			assertThat(watch.poll(WAIT)).extracting(RawEntry::value).containsExactly(v8String("A2"));
		}
	}

	@Test
	void aMissingFileOrAFileWithoutDenosSchemaIsRefusedClearly() throws Exception {
		Path missing = this.dir.resolve("missing.sqlite3");
		assertThatThrownBy(() -> SqliteDatabaseHandler.open(readOnly(missing))).isInstanceOf(KvBackendException.class)
			.hasMessageContaining("read-only: no such file");
		assertThat(missing).doesNotExist();
		Path foreign = this.dir.resolve("foreign.sqlite3");
		try (Connection c = QueueWatchTestSupport.otherProcess(foreign); var st = c.createStatement()) {
			st.execute("create table t (x)");
		}
		assertThatThrownBy(() -> SqliteDatabaseHandler.open(readOnly(foreign))).isInstanceOf(KvBackendException.class)
			.hasMessageContaining("schema is at version 0 of 3");
	}

	@Test
	void anInMemoryDatabaseCannotBeReadOnly() {
		assertThatThrownBy(() -> SqliteOptions.inMemory().withReadOnly(true)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("in-memory");
	}

}
