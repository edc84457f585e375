package dev.denokv.autoconfigure.remote;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.remote.RemoteDatabaseHandler;

/**
 * Keeps the KV Connect metadata (endpoints, data-path token) fresh: every
 * {@code deno.kv.remote.metadata-refresh-interval} it asks the handler to exchange the metadata
 * again when it is due (the interval has passed, or the token expires within
 * {@code deno.kv.remote.metadata-refresh-margin}).
 * <p>
 * The {@code @Scheduled} method is run by {@link DenoKvPrivateScheduling} on the library's own
 * thread. The refresher is deliberately not a bean: the application does not need
 * {@code @EnableScheduling}, and when it has it, its scheduler never sees this method, so it does
 * not run twice or on the application's threads. Does nothing when the application's handler is
 * not a {@link RemoteDatabaseHandler}.
 */
public class DenoKvMetadataRefresher {

	private static final Logger logger = LoggerFactory.getLogger(DenoKvMetadataRefresher.class);

	private final ObjectProvider<DatabaseHandler> handler;

	public DenoKvMetadataRefresher(ObjectProvider<DatabaseHandler> handler) {
		this.handler = handler;
	}

	/** Refreshes the metadata if it is due. Failures are logged; the next run tries again. */
	@Scheduled(fixedDelayString = "${deno.kv.remote.metadata-refresh-interval:60s}",
			initialDelayString = "${deno.kv.remote.metadata-refresh-interval:60s}")
	public void refreshIfDue() {
		if (this.handler.getIfUnique() instanceof RemoteDatabaseHandler remote) {
			try {
				remote.refreshIfDue();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not refresh the KV Connect metadata; retrying in the next run", ex);
			}
		}
	}

}
