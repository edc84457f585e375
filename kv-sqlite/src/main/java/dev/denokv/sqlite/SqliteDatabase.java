package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvReadOnlyException;

/**
 * The connections to one database file and how transactions run on them: one writer connection
 * behind {@link GroupCommit}, and a {@link ReaderPool} of read-only connections for WAL snapshot
 * reads. An in-memory database has a single connection (separate connections to {@code :memory:}
 * would be separate databases), so its reads take turns with the writer. A read-only database has
 * only the readers.
 */
final class SqliteDatabase implements SqliteTransactions, AutoCloseable {

	private final GroupCommit writer;

	private final ReaderPool readers;

	/** This handler's place among the handlers of this JVM on the file; null in memory. */
	private final SameFileHandlers.Registration sameFile;

	private SqliteDatabase(GroupCommit writer, ReaderPool readers, SameFileHandlers.Registration sameFile) {
		this.writer = writer;
		this.readers = readers;
		this.sameFile = sameFile;
	}

	/**
	 * Opens the file (creating it if needed), switches it to WAL and applies Deno's migrations; or,
	 * read-only (asked for, or a file this process cannot write), opens it as it is.
	 */
	static SqliteDatabase open(SqliteOptions options) {
		if (isReadOnly(options)) {
			return openReadOnly(options);
		}
		Path directory = options.isInMemory() ? null : Path.of(options.path()).toAbsolutePath().getParent();
		if (directory != null && !Files.isDirectory(directory)) {
			// SQLite would only say SQLITE_CANTOPEN; like Deno, the directory is not created.
			throw new KvBackendException("Cannot open SQLite database " + options.path() + ": the directory "
					+ directory + " does not exist");
		}
		SqliteConnector connector = new SqliteConnector(options);
		WriterSession session;
		try {
			session = new WriterSession(connector.openWriter());
		}
		catch (SQLException ex) {
			throw SqliteErrors.backend("Cannot open SQLite database " + options.path(), ex);
		}
		try {
			migrate(session);
			session.installCommitNotes();
		}
		catch (SQLException | RuntimeException ex) {
			session.close();
			throw (ex instanceof SQLException sql) ? SqliteErrors.backend("Cannot prepare SQLite database " + options.path(), sql)
					: (RuntimeException) ex;
		}
		if (options.isInMemory()) {
			return new SqliteDatabase(new GroupCommit(session, null), null, null);
		}
		ReaderPool readers = new ReaderPool(connector::openReader, options.readerPoolSize());
		Path file = Path.of(options.path());
		SameFileHandlers.Registration sameFile = SameFileHandlers.register(file);
		BooleanSupplier otherProcesses = OtherProcessProbe.of(file);
		WriteLockFairness fairness = new WriteLockFairness(
				() -> sameFile.othersOpen() || otherProcesses.getAsBoolean());
		return new SqliteDatabase(new GroupCommit(session, fairness), readers, sameFile);
	}

	private static boolean isReadOnly(SqliteOptions options) {
		if (options.readOnly()) {
			return true;
		}
		// As Deno: a file it cannot write is opened for reads (root can write any file).
		Path file = options.isInMemory() ? null : Path.of(options.path());
		return file != null && Files.exists(file) && !Files.isWritable(file);
	}

	/**
	 * Read connections only, on a file that must already hold Deno's current schema: a read-only
	 * database cannot be migrated.
	 */
	private static SqliteDatabase openReadOnly(SqliteOptions options) {
		if (!Files.exists(Path.of(options.path()))) {
			throw new KvBackendException("Cannot open SQLite database " + options.path() + " read-only: no such file");
		}
		SqliteConnector connector = new SqliteConnector(options);
		ReaderPool readers = new ReaderPool(connector::openReader, options.readerPoolSize());
		try {
			int version = readers.read((session) -> DenoSchema.versionOf(session.connection()));
			if (version < DenoSchema.VERSION) {
				throw new KvBackendException("Cannot open SQLite database " + options.path() + " read-only: its Deno KV"
						+ " schema is at version " + version + " of " + DenoSchema.VERSION
						+ ", and a read-only database cannot be migrated; open it once read-write (or with Deno)");
			}
		}
		catch (RuntimeException | Error ex) {
			readers.close();
			throw ex;
		}
		return new SqliteDatabase(null, readers, null);
	}

	/** Whether this database was opened read-only: every write fails. */
	boolean isReadOnly() {
		return this.writer == null;
	}

	private GroupCommit writer() {
		if (this.writer == null) {
			throw new KvReadOnlyException();
		}
		return this.writer;
	}

	private static void migrate(WriterSession session) throws SQLException {
		while (true) {
			try {
				session.executeOnce("BEGIN IMMEDIATE");
				DenoSchema.migrate(session.connection());
				session.executeOnce("COMMIT");
				return;
			}
			catch (SQLException ex) {
				session.rollbackQuietly();
				if (!SqliteErrors.isBusy(ex)) {
					throw ex;
				}
				SqliteErrors.backOff();
			}
		}
	}

	@Override
	public <T> T write(SqlWork<T> work) {
		return writer().write((session) -> {
			// Plain SQL may read or bump data_version: it must see the writes before it.
			session.flushVersion();
			return work.run(session.connection());
		});
	}

	@Override
	public <T> T read(SqlWork<T> work) {
		return readSession((session) -> {
			session.execute("BEGIN");
			try {
				T result = work.run(session.connection());
				session.execute("COMMIT");
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				session.rollbackQuietly();
				throw ex;
			}
		});
	}

	@Override
	public void addCommitListener(CommitListener listener) {
		if (this.writer != null) {
			// Read-only: nothing commits here, and watches poll for other processes' commits.
			this.writer.addListener(listener);
		}
	}

	/** Runs a task in a write transaction of the writer (group commit). */
	<T> T writeSession(WriterTask<T> task) {
		return writer().write(task);
	}

	/** Queues a task for a write transaction of the writer without waiting for it. */
	<T> CompletableFuture<T> submitSession(WriterTask<T> task) {
		if (this.writer == null) {
			return CompletableFuture.failedFuture(new KvReadOnlyException());
		}
		return this.writer.submit(task);
	}

	/** Runs a task on a read connection (it opens a transaction itself if it needs a snapshot). */
	<T> T readSession(ReaderTask<T> task) {
		if (this.readers != null) {
			return this.readers.read(task);
		}
		try {
			return this.writer.exclusive(task);
		}
		catch (SQLException ex) {
			throw SqliteErrors.backend("Read failed", ex);
		}
	}

	/** Closes readers, then the writer after the running group. Idempotent. */
	@Override
	public void close() {
		if (this.readers != null) {
			this.readers.close();
		}
		if (this.writer != null) {
			this.writer.close();
		}
		if (this.sameFile != null) {
			this.sameFile.close();
		}
	}

}
