package dev.denokv.sqlite;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.denokv.handler.DenoCliLimits;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;

/**
 * Reads key ranges on a read connection (kv-format.md §6.5), hiding expired rows. Several ranges
 * are read inside one read transaction (one WAL snapshot); a single statement already runs on one
 * snapshot, so a single range skips BEGIN/COMMIT. A range of exactly one key ({@code [k, k ++ 00)},
 * as {@code get} sends) becomes a primary-key lookup, and several such ranges ({@code getMany})
 * one {@code k in (...)} statement.
 */
final class SnapshotReader {

	private static final String COLUMNS = "select k, v, v_encoding, version from kv where ";

	private static final String POINT = "select v, v_encoding, version from kv where k = ? and " + KvRows.LIVE;

	private static final String RANGE = COLUMNS + "k >= ? and k < ? and " + KvRows.LIVE + " order by k asc limit ?";

	private static final String RANGE_REVERSE = COLUMNS + "k >= ? and k < ? and " + KvRows.LIVE
			+ " order by k desc limit ?";

	/**
	 * {@code POINTS[n]} reads n keys at once, up to Deno's range limit; more keys (when the
	 * handler's limits allow them) are read one statement each.
	 */
	private static final String[] POINTS = pointsStatements();

	private SnapshotReader() {
	}

	static List<ReadRangeOutput> read(SqliteDatabase database, List<ReadRange> ranges) {
		long now = System.currentTimeMillis();
		if (ranges.size() == 1) {
			ReadRangeOutput single = database.readSession((session) -> readRange(session, ranges.get(0), now));
			return List.of(single);
		}
		if (ranges.size() < POINTS.length && ranges.stream().allMatch(SnapshotReader::isSingleKey)) {
			return database.readSession((session) -> readPoints(session, ranges, now));
		}
		return database.readSession((session) -> {
			session.execute("BEGIN");
			try {
				List<ReadRangeOutput> outputs = new ArrayList<>(ranges.size());
				for (ReadRange range : ranges) {
					outputs.add(readRange(session, range, now));
				}
				session.execute("COMMIT");
				return outputs;
			}
			catch (SQLException | RuntimeException ex) {
				session.rollbackQuietly();
				throw ex;
			}
		});
	}

	private static ReadRangeOutput readRange(SqliteSession session, ReadRange range, long now) throws SQLException {
		if (isSingleKey(range)) {
			return readPoint(session, range.start(), now);
		}
		if (Arrays.compareUnsigned(range.start(), range.end()) >= 0) {
			return new ReadRangeOutput(List.of());
		}
		List<RawEntry> entries = new ArrayList<>(Math.min(range.limit(), 128));
		session.direct(range.reverse() ? RANGE_REVERSE : RANGE)
			.queryAll(EntryRows::entry, entries, range.start(), range.end(), now, range.limit());
		return new ReadRangeOutput(entries);
	}

	private static ReadRangeOutput readPoint(SqliteSession session, byte[] key, long now) throws SQLException {
		RawEntry entry = session.direct(POINT).queryFirst((db, stmt) -> EntryRows.entry(key, db, stmt), key, now);
		return new ReadRangeOutput((entry != null) ? List.of(entry) : List.of());
	}

	/**
	 * Several single keys ({@code getMany}) in one statement, {@code k in (?, ?, ...)}: one
	 * snapshot without BEGIN/COMMIT, and one statement instead of one per key.
	 */
	private static List<ReadRangeOutput> readPoints(SqliteSession session, List<ReadRange> ranges, long now)
			throws SQLException {
		Object[] parameters = new Object[ranges.size() + 1];
		for (int i = 0; i < ranges.size(); i++) {
			parameters[i] = ranges.get(i).start();
		}
		parameters[ranges.size()] = now;
		List<RawEntry> rows = new ArrayList<>(ranges.size());
		session.direct(POINTS[ranges.size()]).queryAll(EntryRows::entry, rows, parameters);
		Map<ByteBuffer, RawEntry> found = new HashMap<>();
		for (RawEntry row : rows) {
			found.put(ByteBuffer.wrap(row.key()), row);
		}
		List<ReadRangeOutput> outputs = new ArrayList<>(ranges.size());
		for (ReadRange range : ranges) {
			RawEntry entry = found.get(ByteBuffer.wrap(range.start()));
			outputs.add(new ReadRangeOutput((entry != null) ? List.of(entry) : List.of()));
		}
		return outputs;
	}

	private static String[] pointsStatements() {
		String[] sql = new String[DenoCliLimits.MAX_READ_RANGES + 1];
		for (int n = 1; n < sql.length; n++) {
			sql[n] = COLUMNS + "k in (" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ") and " + KvRows.LIVE;
		}
		return sql;
	}

	/** Whether {@code end} is {@code start ++ 00}: the range holds exactly the key {@code start}. */
	private static boolean isSingleKey(ReadRange range) {
		byte[] start = range.start();
		byte[] end = range.end();
		return end.length == start.length + 1 && end[start.length] == 0
				&& Arrays.equals(start, 0, start.length, end, 0, start.length);
	}

}
