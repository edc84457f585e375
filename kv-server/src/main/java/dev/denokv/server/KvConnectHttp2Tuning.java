package dev.denokv.server;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;

/**
 * The HTTP/2 settings a Tomcat connector needs to serve KV Connect to Deno. Deno sends every call
 * to a database over one HTTP/2 connection, so that connection's limits are the server's limits for
 * a Deno program, and two of Tomcat's defaults get in the way:
 * <ul>
 * <li>At most 100 streams per connection. A watch never ends by itself, so 100 watches left no
 * stream for the reads and writes of the same program, which then waited for ever. Raised to the
 * server's watch limit plus {@value #STREAMS_BESIDE_WATCHES}.</li>
 * <li>Each stream reset counts 50 in Tomcat's overhead protection (its rapid-reset defence). A
 * cancelled watch ends with the client's reset, and 5 to 7 watch/cancel cycles in a row made Tomcat
 * drop the connection (GOAWAY, ENHANCE_YOUR_CALM), failing or retrying every call on it. At
 * {@value #RESET_OVERHEAD_FACTOR} a watch that sent its first frame before the reset costs less
 * than it earns (Deno ran 400 cycles on one connection), while requests reset before any answer,
 * the rapid-reset attack, still get the connection closed after about 70.</li>
 * </ul>
 * Settings an application made stricter or looser on purpose in the same direction are kept: the
 * stream limit is only raised, the reset factor only lowered.
 */
public final class KvConnectHttp2Tuning {

	/** HTTP/2 streams per connection beyond the watch limit, for the reads and writes beside them. */
	static final int STREAMS_BESIDE_WATCHES = 100;

	/** What a client's stream reset counts in Tomcat's HTTP/2 overhead protection. */
	static final int RESET_OVERHEAD_FACTOR = 30;

	private KvConnectHttp2Tuning() {
	}

	/** Tunes every HTTP/2 upgrade protocol of {@code connector} (none: nothing to do). */
	public static void apply(Connector connector, KvConnectServerOptions options) {
		for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
			if (protocol instanceof Http2Protocol http2) {
				apply(http2, options);
			}
		}
	}

	static void apply(Http2Protocol http2, KvConnectServerOptions options) {
		long streams = (long) options.maxConcurrentWatches() + STREAMS_BESIDE_WATCHES;
		http2.setMaxConcurrentStreams(Math.max(http2.getMaxConcurrentStreams(), streams));
		if (http2.getOverheadResetFactor() > RESET_OVERHEAD_FACTOR) {
			http2.setOverheadResetFactor(RESET_OVERHEAD_FACTOR);
		}
	}

}
