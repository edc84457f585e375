package dev.denokv.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.core.NamedThreadFactory;
import dev.denokv.error.KvClosedException;

/**
 * Deletes expired rows in the background (kv-format.md §6.7). Reads already hide expired keys, so
 * this only reclaims space and moves the version: a sweep that deleted anything bumps
 * {@code data_version} by exactly 1, as Deno does, which wakes watchers through the commit
 * listeners. Each tick first looks on a read connection (an index probe, no lock) and takes the
 * write lock only when something has expired. Runs once at start, like Deno.
 */
final class ExpirySweeper implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ExpirySweeper.class);

	private static final String ANY_EXPIRED = "select 1 from kv where expiration_ms >= 0 and expiration_ms <= ? limit 1";

	private static final String DELETE_EXPIRED = "delete from kv where expiration_ms >= 0 and expiration_ms <= ?";

	private final SqliteDatabase database;

	private final ScheduledExecutorService scheduler;

	ExpirySweeper(SqliteDatabase database, Duration interval, String name) {
		this.database = database;
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(NamedThreadFactory.fixedName("denokv-sqlite-expiry-" + name));
		long millis = Math.max(1, interval.toMillis());
		this.scheduler.scheduleWithFixedDelay(this::sweepQuietly, 0, millis, TimeUnit.MILLISECONDS);
	}

	private void sweepQuietly() {
		try {
			sweep();
		}
		catch (KvClosedException ex) {
			// shutting down
		}
		catch (RuntimeException ex) {
			logger.warn("Expiry sweep failed; retrying at the next tick", ex);
		}
	}

	/** @return the number of rows deleted */
	int sweep() {
		long now = System.currentTimeMillis();
		boolean any = this.database.readSession((session) -> {
			PreparedStatement ps = session.prepared(ANY_EXPIRED);
			ps.setLong(1, now);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next();
			}
		});
		if (!any) {
			return 0;
		}
		return this.database.writeSession((session) -> {
			PreparedStatement ps = session.prepared(DELETE_EXPIRED);
			ps.setLong(1, now);
			int deleted = ps.executeUpdate();
			if (deleted > 0) {
				session.bumpVersion(1);
			}
			return deleted;
		});
	}

	@Override
	public void close() {
		DaemonScheduler.shutdown(this.scheduler);
	}

}
