package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import dev.denokv.error.KvBackendException;

/** Classifies SQLite errors and turns them into the KV exception hierarchy. */
final class SqliteErrors {

	private static final int SQLITE_BUSY = 5;

	private static final int SQLITE_LOCKED = 6;

	private SqliteErrors() {
	}

	/**
	 * Whether another connection (usually another process) holds a lock we need: the whole
	 * transaction can simply be run again. Extended codes ({@code SQLITE_BUSY_SNAPSHOT},
	 * {@code SQLITE_BUSY_RECOVERY}...) share the primary code in their low byte.
	 */
	static boolean isBusy(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				int code = sql.getErrorCode() & 0xff;
				if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
					return true;
				}
				String msg = sql.getMessage();
				if (msg != null && (msg.contains("SQLITE_BUSY") || msg.contains("database is locked"))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Sleeps 5..19 ms like Deno's retry loop, so competing processes do not retry in lockstep. An
	 * interrupt does not cut the sleep short (a write in progress is finished, not abandoned); the
	 * interrupt flag is kept for the caller.
	 */
	static void backOff() {
		boolean interrupted = Thread.interrupted();
		long until = System.nanoTime() + ThreadLocalRandom.current().nextInt(5, 20) * 1_000_000L;
		for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
			java.util.concurrent.locks.LockSupport.parkNanos(left);
			if (Thread.interrupted()) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	static KvBackendException backend(String what, SQLException ex) {
		return new KvBackendException(what + ": " + ex.getMessage(), ex);
	}

}
