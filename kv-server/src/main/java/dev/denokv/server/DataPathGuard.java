package dev.denokv.server;

import java.io.IOException;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What every data-path request must pass before the database is touched: a valid access token,
 * {@code x-denokv-version} 2 or 3, the database id, and a body that decodes as the expected
 * protobuf within the size limit. The token is checked first, so an unauthenticated request is
 * rejected before its body is read.
 */
final class DataPathGuard {

	static final String WRONG_VERSION = "Expected protocol version 2.";

	static final String WRONG_DATABASE = "Invalid database id.";

	private final KvConnectServerOptions options;

	private final AccessTokenVerifier verifier;

	DataPathGuard(KvConnectServerOptions options, AccessTokenVerifier verifier) {
		this.options = options;
		this.verifier = verifier;
	}

	/**
	 * The decoded request body.
	 * @throws KvConnectError 401 or 400 with the denokv message
	 */
	<T extends MessageLite> T admit(HttpServletRequest request, Parser<T> parser) throws IOException {
		this.verifier.verify(request.getHeader("Authorization"));
		String version = request.getHeader("x-denokv-version");
		if (!"2".equals(version) && !"3".equals(version)) {
			throw KvConnectError.badRequest(WRONG_VERSION);
		}
		if (!this.options.databaseId().equals(parseUuid(request.getHeader("x-denokv-database-id")))) {
			throw KvConnectError.badRequest(WRONG_DATABASE);
		}
		byte[] body = RequestBodies.read(request, this.options.maxRequestBytes());
		try {
			return parser.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			String reason = String.valueOf(ex.getMessage()).strip().replaceAll("\\.+$", "");
			throw KvConnectError.badRequest("Request protobuf is invalid: " + reason + ".");
		}
	}

	private static UUID parseUuid(String value) {
		if (value == null || value.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
