package dev.denokv.sqlite;

import java.sql.SQLException;

import org.sqlite.core.DB;

import dev.denokv.handler.RawEntry;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * Maps rows of the {@code kv} table to entries, through the driver's column calls (see
 * {@link DirectStatement}).
 */
final class EntryRows {

	private EntryRows() {
	}

	/** A {@code (k, v, v_encoding, version)} row. */
	static RawEntry entry(DB db, long statement) throws SQLException {
		return entry(db.column_blob(statement, 0), db, statement, 1);
	}

	/** A {@code (v, v_encoding, version)} row of the known key {@code key}. */
	static RawEntry entry(byte[] key, DB db, long statement) throws SQLException {
		return entry(key, db, statement, 0);
	}

	private static RawEntry entry(byte[] key, DB db, long statement, int firstValueColumn) throws SQLException {
		RawValue value = new RawValue(ValueEncoding.ofCode(db.column_int(statement, firstValueColumn + 1)),
				db.column_blob(statement, firstValueColumn));
		return new RawEntry(key, value, Versionstamp.ofVersion(db.column_long(statement, firstValueColumn + 2)));
	}

}
