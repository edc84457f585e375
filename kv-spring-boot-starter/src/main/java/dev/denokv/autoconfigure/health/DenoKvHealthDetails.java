package dev.denokv.autoconfigure.health;

import java.util.Map;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;

/**
 * What {@link DenoKvHealthIndicator} reports about a backend, and how it checks it cheaply. One
 * implementation per backend; never include secrets (tokens, URL user info or query strings).
 */
public interface DenoKvHealthDetails {

	/** The details for the given backend: SQLite, KV Connect, or a generic read check for others. */
	static DenoKvHealthDetails forHandler(DatabaseHandler handler) {
		if (handler instanceof SqliteDatabaseHandler) {
			return new SqliteHealthDetails();
		}
		return new GenericHealthDetails();
	}

	/** Details known without I/O, for example where the database is. Reported UP or DOWN. */
	Map<String, Object> describe(DatabaseHandler handler);

	/**
	 * Checks that the database answers, with a single attempt (no retries), and returns details
	 * learnt on the way. Runs on the indicator's pool and is abandoned after its timeout.
	 * @param probeKey an encoded key that is safe to read
	 * @throws Exception when the database does not work; reported DOWN with the error
	 */
	Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) throws Exception;

}
