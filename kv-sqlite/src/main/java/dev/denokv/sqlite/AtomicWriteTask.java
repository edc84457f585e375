package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

/**
 * One atomic write as a task of the writer (kv-format.md §6.6): every check, then a random 1..9
 * bump of {@code data_version} giving the commit version, then the mutations in order, then the
 * enqueues. It runs inside a savepoint or a transaction of its own ({@link GroupCommit}), so a
 * failed check writes nothing and a failing mutation leaves no trace, not even the version bump.
 * Re-running it (after {@code SQLITE_BUSY}) is safe: it has no effect outside the connection.
 */
final class AtomicWriteTask implements WriterTask<CommitResult> {

	private static final byte STRING_TAG = 0x02;

	private final AtomicWrite write;

	AtomicWriteTask(AtomicWrite write) {
		this.write = write;
	}

	@Override
	public CommitResult run(WriterSession session) throws SQLException {
		long now = System.currentTimeMillis();
		List<Integer> failed = failedChecks(session, now);
		if (!failed.isEmpty()) {
			return new CommitResult.CheckFailed(failed);
		}
		long version = session.bumpVersion(ThreadLocalRandom.current().nextInt(1, 10));
		Versionstamp versionstamp = Versionstamp.ofVersion(version);
		for (Mutation mutation : this.write.mutations()) {
			apply(session, mutation, version, versionstamp, now);
		}
		for (Enqueue enqueue : this.write.enqueues()) {
			QueueRows.insert(session, enqueue, now);
		}
		return new CommitResult.Committed(versionstamp);
	}

	/** Evaluates every check (not just up to the first failure) so the caller learns all that failed. */
	private List<Integer> failedChecks(SqliteSession session, long now) throws SQLException {
		List<Integer> failed = List.of();
		List<Check> checks = this.write.checks();
		for (int i = 0; i < checks.size(); i++) {
			Check check = checks.get(i);
			long actual = KvRows.versionOf(session, check.key(), now);
			boolean holds = (check.versionstamp() == null) ? actual < 0
					: actual >= 0 && Versionstamp.ofVersion(actual).equals(check.versionstamp());
			if (!holds) {
				if (failed.isEmpty()) {
					failed = new ArrayList<>();
				}
				failed.add(i);
			}
		}
		return failed;
	}

	private static void apply(SqliteSession session, Mutation m, long version, Versionstamp versionstamp, long now)
			throws SQLException {
		long expiration = m.hasExpiry() ? m.expireAtMs() : -1;
		switch (m.type()) {
			case SET -> KvRows.put(session, m.key(), m.value(), version, expiration);
			case DELETE -> KvRows.delete(session, m.key());
			case SUM, MIN, MAX -> {
				RawValue current = KvRows.valueOf(session, m.key(), now);
				RawValue result = U64Mutations.apply(m.type(), m.value(), current, m.sumBounds());
				// Numeric mutations always clear any expiry, as in Deno.
				if (current != null) {
					KvRows.overwrite(session, m.key(), result, version, -1);
				}
				else {
					KvRows.put(session, m.key(), result, version, -1);
				}
			}
			case SET_SUFFIX_VERSIONSTAMPED_KEY ->
				KvRows.put(session, versionstampedKey(m.key(), versionstamp), m.value(), version, expiration);
		}
	}

	/** {@code key ++ 02 ++ <20 lowercase hex chars> ++ 00}: the versionstamp appended as a string part. */
	static byte[] versionstampedKey(byte[] prefix, Versionstamp versionstamp) {
		String hex = versionstamp.toString();
		byte[] key = new byte[prefix.length + 2 + hex.length()];
		System.arraycopy(prefix, 0, key, 0, prefix.length);
		key[prefix.length] = STRING_TAG;
		for (int i = 0; i < hex.length(); i++) {
			key[prefix.length + 1 + i] = (byte) hex.charAt(i);
		}
		key[key.length - 1] = 0;
		return key;
	}

}
