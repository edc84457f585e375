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
			byte[] body = in.readNBytes(maxBytes + 1);
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
