package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

	private static final String UPSERT = "insert into kv (k, v, v_encoding, version, expiration_ms) values (?, ?, ?, ?, ?) "
			+ "on conflict(k) do update set v = excluded.v, v_encoding = excluded.v_encoding, "
			+ "version = excluded.version, expiration_ms = excluded.expiration_ms";

	private static final String DELETE = "delete from kv where k = ?";

	private KvRows() {
	}

	/** The live row's version, or {@code -1} when the key is absent or expired. */
	static long versionOf(SqliteSession session, byte[] key, long now) throws SQLException {
		PreparedStatement ps = session.prepared(VERSION_OF);
		ps.setBytes(1, key);
		ps.setLong(2, now);
		try (ResultSet rs = ps.executeQuery()) {
			return rs.next() ? rs.getLong(1) : -1;
		}
	}

	/** The live row's value, or {@code null}. */
	static RawValue valueOf(SqliteSession session, byte[] key, long now) throws SQLException {
		PreparedStatement ps = session.prepared(VALUE_OF);
		ps.setBytes(1, key);
		ps.setLong(2, now);
		try (ResultSet rs = ps.executeQuery()) {
			return rs.next() ? new RawValue(ValueEncoding.ofCode(rs.getInt(2)), rs.getBytes(1)) : null;
		}
	}

	/** @param expirationMs ms since the epoch, or {@code -1} for none */
	static void put(SqliteSession session, byte[] key, RawValue value, long version, long expirationMs)
			throws SQLException {
		PreparedStatement ps = session.prepared(UPSERT);
		ps.setBytes(1, key);
		ps.setBytes(2, value.data());
		ps.setInt(3, value.encoding().code());
		ps.setLong(4, version);
		ps.setLong(5, expirationMs);
		ps.executeUpdate();
	}

	static void delete(SqliteSession session, byte[] key) throws SQLException {
		PreparedStatement ps = session.prepared(DELETE);
		ps.setBytes(1, key);
		ps.executeUpdate();
	}

}
