package dev.denokv.server;

import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.error.KvReadOnlyException;
import dev.denokv.protocol.KvConnectProtocolException;

/**
 * Maps what a {@link dev.denokv.handler.DatabaseHandler} throws to a status and plain-text body, as
 * the {@code denokv} server does (kv-format.md §9.4). Clients retry every 5xx forever, so a 5xx is
 * only used where retrying can help: a closed database (503) and storage failures (500).
 */
final class HandlerErrors {

	static final String INTERNAL = "An internal server error occurred.";

	/** denokv's wording, typo included. */
	static final String UNAVAILABLE = "The server is temporarially unavailable, try again later.";

	/** denokv's answer to a write on a read-only database (not a 5xx: retrying cannot help). */
	static final String READ_ONLY = "This database is read only.";

	private static final Pattern UNKNOWN_ENCODING = Pattern.compile("The value encoding -?\\d+ is unknown\\.");

	private static final Logger logger = LoggerFactory.getLogger(HandlerErrors.class);

	private HandlerErrors() {
	}

	static KvConnectError map(RuntimeException ex, String operation) {
		if (ex instanceof KvConnectError error) {
			return error;
		}
		if (ex instanceof KvClosedException) {
			return new KvConnectError(503, UNAVAILABLE);
		}
		if (ex instanceof KvReadOnlyException) {
			return KvConnectError.badRequest(READ_ONLY);
		}
		if (ex instanceof KvInvalidArgumentException || ex instanceof KvMutationException
				|| ex instanceof KvConnectProtocolException || ex instanceof IllegalArgumentException) {
			return KvConnectError.badRequest(ex.getMessage());
		}
		if (ex instanceof KvBackendException && ex.getMessage() != null
				&& UNKNOWN_ENCODING.matcher(ex.getMessage()).matches()) {
			// Stored data the server cannot serve: retrying will not help.
			return KvConnectError.badRequest(ex.getMessage());
		}
		logger.error("KV Connect {} failed", operation, ex);
		return new KvConnectError(500, INTERNAL);
	}

}
