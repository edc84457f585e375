package dev.denokv.remote;

import java.net.URI;
import java.util.Objects;

import dev.denokv.handler.Consistency;

/**
 * A data-path endpoint from the metadata exchange: its absolute URL (relative URLs already
 * resolved against the metadata URL) and the consistency it serves. Strong endpoints serve every
 * operation; eventual ones only eventual reads and watches.
 */
public record RemoteEndpoint(URI url, Consistency consistency) {

	public RemoteEndpoint {
		Objects.requireNonNull(url, "url");
		Objects.requireNonNull(consistency, "consistency");
	}

	/**
	 * The URL of one data-path method, joined as denokv's client joins it: the serialized endpoint
	 * URL, a {@code /}, and the method name. An endpoint without a path therefore yields a double
	 * slash ({@code http://host//snapshot_read}), exactly as upstream.
	 */
	URI methodUrl(String method) {
		return URI.create(this.url.toString() + "/" + method);
	}

}
