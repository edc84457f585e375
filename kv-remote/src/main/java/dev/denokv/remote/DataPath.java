package dev.denokv.remote;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvMutationException;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;

/**
 * Unary data-path calls ({@code snapshot_read}, {@code atomic_write}): picks the endpoint, adds
 * each protocol version's headers, retries transient failures under {@link RemoteRetry}, and after
 * an authorization failure (401, 403, or a 400 that mentions authorization, as Deno Deploy sends)
 * or a "disabled" answer refreshes the metadata once and tries again. Thread-safe.
 */
final class DataPath {

	/** Media type of data-path request bodies (denokv PR #151; servers must not require it). */
	static final String PROTOBUF = "application/x-protobuf";

	/**
	 * Beginnings of the messages that denokv (and this project's server) answer with 400 when a
	 * mutation cannot apply to the stored data (kv-format.md §4.3). They surface as
	 * {@link KvMutationException}s, as with a local database.
	 */
	private static final String[] MUTATION_ERRORS = { "Failed to perform '", "Cannot sum ",
			"Some of the parameters are not valid V8 values", "Min/max parameters have different types than the operand",
			"The result of a Sum operation would exceed its range limit", "unsupported value type", "invalid v8 value",
			"Invalid sum operand", "Cannot use min/max parameters with KvU64 operands" };

	private final MetadataExchange metadata;

	private final HttpTransport transport;

	private final RemoteRetry retry;

	private final BooleanSupplier closed;

	private final RemoteOptions options;

	/**
	 * @param closed whether the handler was closed: checked before every attempt, so that a call
	 * that is retrying stops at its next attempt instead of sending on until the retry deadline
	 */
	DataPath(MetadataExchange metadata, HttpTransport transport, RemoteRetry retry, RemoteOptions options,
			BooleanSupplier closed) {
		this.metadata = metadata;
		this.transport = transport;
		this.retry = retry;
		this.options = options;
		this.closed = closed;
	}

	/** How a 200 response is turned into a result. */
	@FunctionalInterface
	interface Decoder<T> {

		/**
		 * @throws StaleMetadata when the server says the metadata no longer fits (reads or writes
		 * disabled, strong read not strongly consistent): refresh once and retry
		 */
		T decode(byte[] body, int protocolVersion);

	}

	/** The server's answer means the metadata should be refreshed and the call tried again once. */
	static final class StaleMetadata extends RuntimeException {

		StaleMetadata(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Calls one data-path method.
	 * @param method {@code snapshot_read} or {@code atomic_write}
	 * @param consistency which endpoint kind may serve it (writes: {@link Consistency#STRONG})
	 * @param idempotent whether sending it twice is harmless; if not, ambiguous failures are retried
	 * only when {@link RemoteOptions#retryAmbiguousWrites()} allows it
	 */
	<T> T call(String method, Consistency consistency, byte[] body, boolean idempotent, Decoder<T> decoder) {
		boolean[] refreshed = { false };
		// Whether an earlier attempt may have reached the server and been applied (its answer was
		// lost, timed out or a 5xx): only possible for retried non-idempotent calls.
		boolean[] mayHaveApplied = { false };
		boolean retryAmbiguous = idempotent || this.options.retryAmbiguousWrites();
		return this.retry.call(method, retryAmbiguous, (deadline) -> {
			if (this.closed.getAsBoolean()) {
				throw afterAmbiguity(method, new KvClosedException("The remote database handler is closed"),
						!idempotent && mayHaveApplied[0]);
			}
			ResolvedMetadata md = beforeSending(() -> this.metadata.current(deadline));
			while (true) {
				RemoteEndpoint endpoint = md.endpointFor(consistency)
					.orElseThrow(() -> new KvRemoteException("No strong consistency endpoint is available for this database",
							KvRemoteException.NO_STATUS, false));
				URI url = endpoint.methodUrl(method);
				HttpTransport.Response response;
				try {
					response = this.transport.post(url, headers(md), body, deadline.cap(this.options.requestTimeout()));
				}
				catch (KvRemoteException ex) {
					mayHaveApplied[0] |= !HttpTransport.failedBeforeSending(ex);
					throw ex;
				}
				String staleReason;
				if (response.status() == 200) {
					try {
						return checkedAfterAmbiguity(method, decoder.decode(response.body(), md.version()), mayHaveApplied[0]);
					}
					catch (StaleMetadata ex) {
						staleReason = ex.getMessage();
					}
				}
				else if (isAuthFailure(response)) {
					staleReason = failure(url, response).getMessage();
				}
				else {
					String mutationError = mutationError(response);
					if (mutationError == null && response.status() >= 500) {
						mayHaveApplied[0] = true;
						throw failure(url, response);
					}
					RuntimeException failure = (mutationError != null) ? new KvMutationException(mutationError)
							: failure(url, response);
					throw afterAmbiguity(method, failure, !idempotent && mayHaveApplied[0]);
				}
				if (refreshed[0]) {
					throw afterAmbiguity(method, new KvRemoteException(staleReason, response.status(), false),
							!idempotent && mayHaveApplied[0]);
				}
				ResolvedMetadata stale = md;
				md = beforeSending(() -> this.metadata.refresh(stale, deadline));
				// Only a refresh that happened counts: after a failed one the retry may refresh again.
				refreshed[0] = true;
			}
		});
	}

	/**
	 * Gets the metadata for the next request. A transient failure here means that request was never
	 * sent, which {@link RemoteRetry} must know to retry a write when ambiguous writes are not
	 * retried: without the mark a 503 from the metadata endpoint would look like a lost answer.
	 */
	private static ResolvedMetadata beforeSending(Supplier<ResolvedMetadata> metadata) {
		try {
			return metadata.get();
		}
		catch (KvRemoteException ex) {
			throw ex.isTransient() ? new UnsentRequestException(ex) : ex;
		}
	}

	/**
	 * A write retried after an attempt that may have been applied cannot tell "my checks failed"
	 * from "my first attempt committed and moved the versionstamps": report that the outcome is
	 * unknown instead of a check failure, which a check-and-retry loop would answer by applying the
	 * change again.
	 */
	private static <T> T checkedAfterAmbiguity(String method, T result, boolean mayHaveApplied) {
		if (mayHaveApplied && result instanceof CommitResult.CheckFailed) {
			throw outcomeUnknown(method, "the retry's checks failed, possibly because of it", null);
		}
		return result;
	}

	/**
	 * The same for a retry that the server refused outright: a mutation error (a bounded sum over
	 * its limit, a sum onto what the first attempt stored) or any other permanent answer may just as
	 * well come from the first attempt having committed, so "not written" would be a lie.
	 */
	private static RuntimeException afterAmbiguity(String method, RuntimeException failure, boolean mayHaveApplied) {
		return mayHaveApplied ? outcomeUnknown(method, "the retry failed, possibly because of it (" + failure.getMessage()
				+ ")", failure) : failure;
	}

	private static KvRemoteException outcomeUnknown(String method, String retryOutcome, Throwable cause) {
		return new KvRemoteException("KV Connect " + method + ": the outcome is unknown. An earlier attempt may have"
				+ " been committed (its answer was lost), and " + retryOutcome + "; read the keys to find out",
				KvRemoteException.NO_STATUS, false, cause);
	}

	/** {@code Authorization} plus the version-specific headers of kv-format.md §1.2. */
	static Map<String, String> headers(ResolvedMetadata md) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + md.token());
		headers.put("Content-Type", PROTOBUF);
		String databaseId = md.metadata().databaseId().toString();
		if (md.version() == 1) {
			headers.put("x-transaction-domain-id", databaseId);
		}
		else {
			headers.put("x-denokv-database-id", databaseId);
			headers.put("x-denokv-version", Integer.toString(md.version()));
		}
		return headers;
	}

	/** 401, 403, or a 400 whose body mentions authorization (Deno Deploy's "Invalid authorization header"). */
	static boolean isAuthFailure(HttpTransport.Response response) {
		int status = response.status();
		return status == 401 || status == 403
				|| (status == 400 && response.bodyText().toLowerCase(Locale.ROOT).contains("authorization"));
	}

	/** The exception for a non-200 answer: 5xx is transient, anything else permanent. */
	static KvRemoteException failure(URI url, HttpTransport.Response response) {
		int status = response.status();
		String text = response.bodyText();
		// denokv_remote's wording.
		String message = "KV Connect failed to call '" + HttpTransport.redact(url) + "' (status=" + status + "): " + text;
		return new KvRemoteException(message, status, status >= 500);
	}

	/** The server's message when it reports that a mutation cannot apply to the stored data, else {@code null}. */
	static String mutationError(HttpTransport.Response response) {
		if (response.status() != 400) {
			return null;
		}
		String text = response.bodyText();
		for (String prefix : MUTATION_ERRORS) {
			if (text.startsWith(prefix)) {
				return text;
			}
		}
		return null;
	}

}
