package dev.denokv.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} against the access token in constant time. Both sides
 * are hashed first, so neither the content nor the length of the token leaks through timing. The
 * token is never logged or echoed.
 */
final class AccessTokenVerifier {

	static final String MALFORMED = "Malformed authorization header.";

	static final String INVALID = "Invalid access token.";

	private final byte[] expectedDigest;

	AccessTokenVerifier(String accessToken) {
		this.expectedDigest = sha256(accessToken);
	}

	/**
	 * @throws KvConnectError 401 {@value #MALFORMED} without a {@code <scheme> <token>} header, 401
	 * {@value #INVALID} for another scheme than {@code bearer} (any case) or a wrong token
	 */
	void verify(String authorization) {
		int space = (authorization != null) ? authorization.indexOf(' ') : -1;
		if (space < 0) {
			throw KvConnectError.unauthorized(MALFORMED);
		}
		String scheme = authorization.substring(0, space);
		boolean tokenMatches = MessageDigest.isEqual(this.expectedDigest, sha256(authorization.substring(space + 1)));
		if (!scheme.equalsIgnoreCase("bearer") || !tokenMatches) {
			throw KvConnectError.unauthorized(INVALID);
		}
	}

	private static byte[] sha256(String s) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JVM", ex);
		}
	}

}
