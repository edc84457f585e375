package dev.denokv.protocol;

import dev.denokv.error.KvException;

/**
 * A KV Connect message that cannot be mapped: a request a server must reject with 400, or a
 * response a client cannot accept. The message is the {@code denokv} server's (for requests) or
 * {@code denokv_remote}'s (for responses) wording where one exists, so a server can send it as the
 * plain-text body unchanged.
 */
public class KvConnectProtocolException extends KvException {

	public KvConnectProtocolException(String message) {
		super(message);
	}

	public KvConnectProtocolException(String message, Throwable cause) {
		super(message, cause);
	}

}
