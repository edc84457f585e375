package dev.denokv.sqlite;

import java.sql.SQLException;

import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;

/**
 * The statements on the {@code kv} table used by writes (the {@code data_version} counter is
 * {@link WriterSession#bumpVersion}'s). Every lookup
 * ignores expired rows ({@code +expiration_ms}: the unary plus keeps SQLite from using the expiry
 * index instead of the primary key), so an expired key behaves as absent for checks and numeric
 * mutations too, exactly as it does for reads.
 */
final class KvRows {

	static final String LIVE = "(+expiration_ms < 0 or +expiration_ms > ?)";

	private static final String VERSION_OF = "select version from kv where k = ? and " + LIVE;

	private static final String VALUE_OF = "select v, v_encoding from kv where k = ? and " + LIVE;

	private static final String INSERT_NEW = "insert into kv (k, v, v_encoding, version, expiration_ms) "
			+ "values (?, ?, ?, ?, ?) on conflict(k) do nothing";

	/**
	 * Overwrites a row whose expiry stays as it is. {@code expiration_ms} is indexed, and SQLite
	 * rewrites an index entry whenever its column is assigned, even to the same value: leaving it
	 * out of the {@code set} saves a page per commit (one WAL frame of 4 KiB out of three for a sum).
	 */
	private static final String OVERWRITE_KEEPING_EXPIRY = "update kv set v = ?, v_encoding = ?, version = ? "
			+ "where k = ? and expiration_ms = ?";

	private static final String OVERWRITE = "update kv set v = ?, v_encoding = ?, version = ?, expiration_ms = ? "
			+ "where k = ?";

	private static final String DELETE = "delete from kv where k = ?";

	private KvRows() {
	}

	/** The live row's version, or {@code -1} when the key is absent or expired. */
	static long versionOf(SqliteSession session, byte[] key, long now) throws SQLException {
		Long version = session.direct(VERSION_OF).queryFirst((db, stmt) -> db.column_long(stmt, 0), key, now);
		return (version != null) ? version : -1;
	}

	/** The live row's value, or {@code null}. */
	static RawValue valueOf(SqliteSession session, byte[] key, long now) throws SQLException {
		return session.direct(VALUE_OF).queryFirst(
				(db, stmt) -> new RawValue(ValueEncoding.ofCode(db.column_int(stmt, 1)), db.column_blob(stmt, 0)), key,
				now);
	}

	/**
	 * Writes the row of {@code key}, whether it exists or not (expired rows included), touching the
	 * expiry index only when the expiry changes.
	 * @param expirationMs ms since the epoch, or {@code -1} for none
	 */
	static void put(SqliteSession session, byte[] key, RawValue value, long version, long expirationMs)
			throws SQLException {
		if (session.direct(INSERT_NEW).update(key, value.data(), value.encoding().code(), version, expirationMs) == 0) {
			overwrite(session, key, value, version, expirationMs);
		}
	}

	/** {@link #put} for a key whose row is known to exist (it was just read in this transaction). */
	static void overwrite(SqliteSession session, byte[] key, RawValue value, long version, long expirationMs)
			throws SQLException {
		byte[] data = value.data();
		int encoding = value.encoding().code();
		if (session.direct(OVERWRITE_KEEPING_EXPIRY).update(data, encoding, version, key, expirationMs) == 0
				&& session.direct(OVERWRITE).update(data, encoding, version, expirationMs, key) == 0) {
			// Only reachable if the row vanished within this transaction, which the callers exclude.
			throw new SQLException("kv row to overwrite is missing");
		}
	}

	static void delete(SqliteSession session, byte[] key) throws SQLException {
		session.direct(DELETE).execute(key);
	}

}
