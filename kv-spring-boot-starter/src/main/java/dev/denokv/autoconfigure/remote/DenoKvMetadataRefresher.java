package dev.denokv.autoconfigure.remote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.remote.RemoteDatabaseHandler;

/**
 * Keeps the KV Connect metadata (endpoints, data-path token) fresh: it exchanges the metadata
 * again when the handler's planned refresh time has come, that is after
 * {@code deno.kv.remote.metadata-refresh-interval}, or {@code deno.kv.remote.metadata-refresh-margin}
 * before the token expires if that is sooner.
 * <p>
 * The {@code @Scheduled} method looks every second whether the planned time has come. Running only
 * once per interval would miss a planned time that falls between two runs (a token that lives
 * about as long as the interval), and the next caller would find it expired and pay for a blocking
 * exchange. After a failed exchange it waits one interval before the next try, so a metadata
 * endpoint that is down is not called every second.
 * <p>
 * The method is run by {@link DenoKvPrivateScheduling} on the library's own thread. The refresher is
 * deliberately not a bean: the application does not need {@code @EnableScheduling}, and when it has
 * it, its scheduler never sees this method, so it does not run twice or on the application's
 * threads. Does nothing when the application's handler is not a {@link RemoteDatabaseHandler}.
 */
public class DenoKvMetadataRefresher {

	private static final Logger logger = LoggerFactory.getLogger(DenoKvMetadataRefresher.class);

	private final ObjectProvider<DatabaseHandler> handler;

	private final Duration interval;

	private final Clock clock;

	/** No try before this, after a failure; only the scheduler thread touches it. */
	private Instant retryAfter = Instant.MIN;

	/**
	 * @param handler the application's database handler
	 * @param interval the wait after a failed exchange ({@code deno.kv.remote.metadata-refresh-interval})
	 */
	public DenoKvMetadataRefresher(ObjectProvider<DatabaseHandler> handler, Duration interval) {
		this(handler, interval, Clock.systemUTC());
	}

	DenoKvMetadataRefresher(ObjectProvider<DatabaseHandler> handler, Duration interval, Clock clock) {
		this.handler = handler;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Refreshes the metadata if its planned time has come (or none is held). A failure is logged
	 * and recorded in the handler's metadata state; the next try comes one interval later.
	 */
	// The first look after one second, not one interval: with an interval as long as the token's
	// life (1h against Deno Deploy), a first look after an interval would come after the token died.
	@Scheduled(fixedDelay = 1000, initialDelay = 1000)
	public void refreshIfDue() {
		if (!(this.handler.getIfUnique() instanceof RemoteDatabaseHandler remote)) {
			return;
		}
		Instant now = this.clock.instant();
		if (now.isBefore(this.retryAfter)) {
			return;
		}
		Instant planned = remote.metadataState().nextRefreshAt();
		if (planned != null && now.isBefore(planned)) {
			return;
		}
		try {
			remote.refreshMetadata();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not refresh the KV Connect metadata; retrying in {}", this.interval, ex);
			this.retryAfter = now.plus(this.interval);
		}
	}

}
