package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import dev.denokv.handler.RawEntry;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * The state of a watch's keys read in one transaction.
 *
 * @param entries one element per key, {@code null} when the key is absent or expired
 * @param version the {@code data_version} counter the entries were read at
 * @param expiresAt the earliest expiry among the present entries (ms since epoch), after which the
 * snapshot is stale even without a commit; {@link Long#MAX_VALUE} when none expires
 */
record WatchSnapshot(List<RawEntry> entries, long version, long expiresAt) {

	/** The commit counter; every commit by any process on the file moves it (kv-format.md §5). */
	static long dataVersion(Connection c) throws SQLException {
		try (PreparedStatement ps = c.prepareStatement("SELECT version FROM data_version WHERE k = 0");
				ResultSet rs = ps.executeQuery()) {
			return rs.next() ? rs.getLong(1) : 0;
		}
	}

	/** Reads {@code keys} at {@code now}; an entry whose expiry has passed reads as absent. */
	static WatchSnapshot read(Connection c, List<byte[]> keys, long version, long now) throws SQLException {
		RawEntry[] entries = new RawEntry[keys.size()];
		long expiresAt = Long.MAX_VALUE;
		try (PreparedStatement ps = c
			.prepareStatement("SELECT v, v_encoding, version, expiration_ms FROM kv WHERE k = ?")) {
			for (int i = 0; i < entries.length; i++) {
				byte[] key = keys.get(i);
				ps.setBytes(1, key);
				try (ResultSet rs = ps.executeQuery()) {
					if (!rs.next()) {
						continue;
					}
					long expiration = rs.getLong(4);
					if (expiration >= 0 && expiration <= now) {
						continue;
					}
					if (expiration >= 0) {
						expiresAt = Math.min(expiresAt, expiration);
					}
					byte[] data = rs.getBytes(1);
					RawValue value = new RawValue(ValueEncoding.ofCode(rs.getInt(2)), (data != null) ? data : new byte[0]);
					entries[i] = new RawEntry(key, value, Versionstamp.ofVersion(rs.getLong(3)));
				}
			}
		}
		return new WatchSnapshot(Collections.unmodifiableList(Arrays.asList(entries)), version, expiresAt);
	}

	/** Whether this snapshot may differ from the database at {@code currentVersion} and {@code now}. */
	boolean isStale(long currentVersion, long now) {
		return currentVersion != this.version || now >= this.expiresAt;
	}

}
