package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.sqlite.core.Codes;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

import dev.denokv.handler.RawEntry;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * Reads {@code (k, v, v_encoding, version)} rows into entries. Through JDBC every column costs a
 * getter with its own lock, column check and lambda, which is most of a row's Java-side cost (and
 * far more while the JIT has not compiled sqlite-jdbc yet); here the rows are stepped and read
 * through the driver's statement handle under one lock per query, with the same calls, return-code
 * handling and errors as its ResultSet. A statement that is not sqlite-jdbc's own falls back to
 * the JDBC getters.
 */
final class EntryRows {

	private EntryRows() {
	}

	/**
	 * Adds every row of {@code rs}, just returned by {@code ps.executeQuery()} and not yet advanced,
	 * to {@code out}. The result set must be closed by the caller afterwards (that resets the
	 * statement, as usual).
	 */
	static void readAll(PreparedStatement ps, ResultSet rs, List<RawEntry> out) throws SQLException {
		// The driver already stepped to the first row in executeQuery; next() only confirms it.
		if (!rs.next()) {
			return;
		}
		if (!(ps instanceof CoreStatement core)) {
			do {
				out.add(entry(rs.getBytes(1), rs.getBytes(2), rs.getInt(3), rs.getLong(4)));
			}
			while (rs.next());
			return;
		}
		core.pointer.safeRunConsume((db, stmt) -> readRemaining(db, stmt, out));
	}

	private static void readRemaining(DB db, long stmt, List<RawEntry> out) throws SQLException {
		int status;
		do {
			out.add(entry(db.column_blob(stmt, 0), db.column_blob(stmt, 1), db.column_int(stmt, 2),
					db.column_long(stmt, 3)));
			status = db.step(stmt);
		}
		while (status == Codes.SQLITE_ROW);
		if (status != Codes.SQLITE_DONE) {
			db.throwex(status);
		}
	}

	static RawEntry entry(byte[] key, byte[] value, int encoding, long version) {
		return new RawEntry(key, new RawValue(ValueEncoding.ofCode(encoding), value), Versionstamp.ofVersion(version));
	}

}
