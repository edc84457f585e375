package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.SQLException;

import org.sqlite.Function;

/**
 * The single writer connection. Besides the statement cache it keeps "commit notes": two TEMP
 * triggers (private to this connection, invisible in the file) call back into Java whenever any
 * SQL run on this connection bumps {@code data_version} or inserts into {@code queue}. That way
 * the commit listeners learn about every change, whether it came from an atomic write, the expiry
 * sweeper or the queue, without each of them having to report it.
 *
 * <h2>Deferred {@code data_version}</h2>
 * Each write gets its own version (the previous one plus a random 1..9, as in Deno), but the
 * counter row is not updated per write: {@link #bumpVersion} reads the row once per transaction,
 * counts on in memory and {@link #flushVersion} writes the final value once, before the commit and
 * before any task that uses plain SQL on the connection (it could read or bump the row). That
 * saves a statement and a trigger call-back per write; the file ends up exactly as if every write
 * had bumped the row itself, because nothing outside this connection can see the row before the
 * commit.
 */
final class WriterSession extends SqliteSession {

	private static final String NOTE_FUNCTION = "denokv_commit_note";

	private static final String READ_VERSION = "select version from data_version where k = 0";

	private static final String WRITE_VERSION = "update data_version set version = ? where k = 0";

	/**
	 * A snapshot of the notes and of the deferred counter, restored when a savepoint is rolled
	 * back (the rollback also restores the row to its state at the snapshot).
	 */
	record Notes(boolean versionChanged, long version, boolean enqueued, boolean counterKnown, long counter,
			boolean counterUnwritten) {
	}

	private boolean versionChanged;

	private long version = -1;

	private boolean enqueued;

	/** Whether {@link #counter} holds the counter of the open transaction. */
	private boolean counterKnown;

	/** The counter of the open transaction, including bumps not yet written to the row. */
	private long counter;

	/** Whether {@link #counter} is ahead of the row. */
	private boolean counterUnwritten;

	/** The counter as of our last commit, or {@code -1} while unknown. */
	private long lastCommittedCounter = -1;

	/** Whether a read of the row found it moved since our last commit: another process wrote. */
	private boolean foreignWrite;

	WriterSession(Connection connection) {
		super(connection);
	}

	/** Registers the note function and the TEMP triggers; call after migrating. */
	void installCommitNotes() throws SQLException {
		Function.create(connection(), NOTE_FUNCTION, new Function() {
			@Override
			protected void xFunc() throws SQLException {
				long v = value_long(0);
				if (v >= 0) {
					WriterSession.this.versionChanged = true;
					WriterSession.this.version = v;
					// Whoever updated the row, the in-memory counter follows it.
					WriterSession.this.counter = v;
					WriterSession.this.counterKnown = true;
				}
				else {
					WriterSession.this.enqueued = true;
				}
				result();
			}
		});
		executeOnce("create temp trigger if not exists denokv_note_version after update of version on main.data_version "
				+ "begin select " + NOTE_FUNCTION + "(new.version); end");
		executeOnce("create temp trigger if not exists denokv_note_enqueue after insert on main.queue "
				+ "begin select " + NOTE_FUNCTION + "(-1); end");
	}

	Notes notes() {
		return new Notes(this.versionChanged, this.version, this.enqueued, this.counterKnown, this.counter,
				this.counterUnwritten);
	}

	void restore(Notes notes) {
		this.versionChanged = notes.versionChanged();
		this.version = notes.version();
		this.enqueued = notes.enqueued();
		this.counterKnown = notes.counterKnown();
		this.counter = notes.counter();
		this.counterUnwritten = notes.counterUnwritten();
	}

	/** Starts the notes of a new transaction; call right after {@code BEGIN}. */
	void clearNotes() {
		this.versionChanged = false;
		this.enqueued = false;
		this.counterKnown = false;
		this.counterUnwritten = false;
	}

	/**
	 * Adds {@code increment} to the {@code data_version} counter of the open transaction and
	 * returns the new value; the row itself is written by {@link #flushVersion}.
	 */
	long bumpVersion(int increment) throws SQLException {
		if (!this.counterKnown) {
			this.counter = readCounter();
			this.counterKnown = true;
		}
		this.counter += increment;
		this.counterUnwritten = true;
		return this.counter;
	}

	/**
	 * Writes the counter to the {@code data_version} row if bumps are pending. Must run before the
	 * commit and before any SQL that may read or update the row.
	 */
	void flushVersion() throws SQLException {
		if (this.counterUnwritten) {
			direct(WRITE_VERSION).execute(this.counter);
			this.counterUnwritten = false;
		}
	}

	/**
	 * The {@code data_version} counter as of the notes, reading it when no write in this
	 * transaction changed it.
	 */
	long notedOrCurrentVersion() throws SQLException {
		if (this.versionChanged) {
			return this.version;
		}
		return readCounter();
	}

	private long readCounter() throws SQLException {
		Long counter = direct(READ_VERSION).queryFirst((db, stmt) -> db.column_long(stmt, 0));
		if (counter == null) {
			throw new SQLException("data_version row is missing");
		}
		if (this.lastCommittedCounter >= 0 && counter != this.lastCommittedCounter) {
			this.foreignWrite = true;
		}
		return counter;
	}

	/** Call after {@code COMMIT}: remembers the counter, to notice other processes' writes. */
	void committed() {
		if (this.counterKnown) {
			this.lastCommittedCounter = this.counter;
		}
	}

	/** Whether another process wrote since our previous commit (as far as we read); clears it. */
	boolean takeForeignWrite() {
		boolean seen = this.foreignWrite;
		this.foreignWrite = false;
		return seen;
	}

}
