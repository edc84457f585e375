package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.sqlite.Function;

/**
 * The single writer connection. Besides the statement cache it keeps "commit notes": two TEMP
 * triggers (private to this connection, invisible in the file) call back into Java whenever any
 * SQL run on this connection bumps {@code data_version} or inserts into {@code queue}. That way
 * the commit listeners learn about every change, whether it came from an atomic write, the expiry
 * sweeper or the queue, without each of them having to report it.
 */
final class WriterSession extends SqliteSession {

	private static final String NOTE_FUNCTION = "denokv_commit_note";

	/** A snapshot of the notes, restored when a savepoint is rolled back. */
	record Notes(boolean versionChanged, long version, boolean enqueued) {
	}

	private boolean versionChanged;

	private long version = -1;

	private boolean enqueued;

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
		return new Notes(this.versionChanged, this.version, this.enqueued);
	}

	void restore(Notes notes) {
		this.versionChanged = notes.versionChanged();
		this.version = notes.version();
		this.enqueued = notes.enqueued();
	}

	void clearNotes() {
		this.versionChanged = false;
		this.enqueued = false;
	}

	/**
	 * The {@code data_version} counter as of the notes, reading it when no write in this
	 * transaction changed it.
	 */
	long notedOrCurrentVersion() throws SQLException {
		if (this.versionChanged) {
			return this.version;
		}
		try (ResultSet rs = prepared("select version from data_version where k = 0").executeQuery()) {
			return rs.next() ? rs.getLong(1) : 0;
		}
	}

}
