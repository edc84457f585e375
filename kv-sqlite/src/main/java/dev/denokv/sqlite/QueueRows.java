package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import dev.denokv.handler.Enqueue;

/**
 * Writes enqueued messages into the {@code queue} table exactly as Deno does: ready time in ms,
 * a UUID v4 string id, the V8 payload, and two JSON text columns, the backoff schedule
 * ({@code [100,1000,5000,30000,60000]} when none was given) and the keys if undelivered as arrays
 * of unsigned byte values ({@code [[2,97,0]]}, {@code []} if none).
 */
final class QueueRows {

	static final String INSERT = "insert into queue (ts, id, data, backoff_schedule, keys_if_undelivered) values(?, ?, ?, ?, ?)";

	private QueueRows() {
	}

	static void insert(SqliteSession session, Enqueue enqueue, long now) throws SQLException {
		PreparedStatement ps = session.prepared(INSERT);
		ps.setLong(1, Math.max(enqueue.deadlineMs(), 0));
		ps.setString(2, UUID.randomUUID().toString());
		ps.setBytes(3, enqueue.payload());
		ps.setString(4, scheduleJson(enqueue.effectiveBackoffSchedule()));
		ps.setString(5, keysJson(enqueue.keysIfUndelivered()));
		ps.executeUpdate();
	}

	/** {@code [100,1000]}: no spaces, like serde_json. */
	static String scheduleJson(List<Integer> schedule) {
		StringBuilder sb = new StringBuilder(8 * schedule.size() + 2).append('[');
		for (int i = 0; i < schedule.size(); i++) {
			if (i > 0) {
				sb.append(',');
			}
			sb.append(schedule.get(i).intValue());
		}
		return sb.append(']').toString();
	}

	/** {@code [[2,97,0],[2,98,0]]}: each key as its unsigned byte values. */
	static String keysJson(List<byte[]> keys) {
		StringBuilder sb = new StringBuilder().append('[');
		for (int k = 0; k < keys.size(); k++) {
			if (k > 0) {
				sb.append(',');
			}
			sb.append('[');
			byte[] key = keys.get(k);
			for (int i = 0; i < key.length; i++) {
				if (i > 0) {
					sb.append(',');
				}
				sb.append(key[i] & 0xff);
			}
			sb.append(']');
		}
		return sb.append(']').toString();
	}

}
