package dev.denokv.server;

/**
 * A request that ends with an error status and a plain-text body. Thrown inside the server's
 * request handling and written by {@link KvConnectServlet}; never escapes it.
 */
final class KvConnectError extends RuntimeException {

	private final int status;

	KvConnectError(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	static KvConnectError badRequest(String message) {
		// An exception without a message must still give a body, not a failure in the error path.
		return new KvConnectError(400, (message != null) ? message : "Bad request.");
	}

	static KvConnectError unauthorized(String message) {
		return new KvConnectError(401, message);
	}

	int status() {
		return this.status;
	}

}
