package dev.denokv.autoconfigure.health;

import java.util.Map;

import dev.denokv.handler.DatabaseHandler;

/**
 * What {@link DenoKvHealthIndicator} reports about a backend, and how it checks it cheaply. One
 * implementation per backend; never include secrets (tokens, URL user info or query strings).
 */
public interface DenoKvHealthDetails {

	/** Details known without I/O, for example where the database is. Reported UP or DOWN. */
	Map<String, Object> describe(DatabaseHandler handler);

	/**
	 * Checks that the database answers with one cheap operation, and returns details learnt on the
	 * way. Runs on the indicator's pool and is abandoned after the indicator's timeout.
	 * @param probeKey an encoded key that is safe to read
	 * @throws Exception when the database does not work; reported DOWN with the error
	 */
	Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) throws Exception;

}
