package dev.denokv.server;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

/** Reads request bodies with a size limit, so that no request can make the server buffer more. */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * The whole body.
	 * @throws KvConnectError 400 when it is longer than {@code maxBytes} (checked against
	 * {@code Content-Length} before reading, and while reading for chunked bodies)
	 */
	static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw tooLarge(maxBytes);
		}
		try (InputStream in = request.getInputStream()) {
			// One byte past the limit tells a body that is too long; a limit of Integer.MAX_VALUE
			// (no byte array is longer anyway) must not overflow into a negative length.
			byte[] body = in.readNBytes((maxBytes < Integer.MAX_VALUE) ? maxBytes + 1 : maxBytes);
			if (body.length > maxBytes) {
				throw tooLarge(maxBytes);
			}
			return body;
		}
	}

	private static KvConnectError tooLarge(int maxBytes) {
		return KvConnectError.badRequest("The request body is larger than the limit of " + maxBytes + " bytes.");
	}

}
