package dev.denokv.remote;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import dev.denokv.error.KvException;

/**
 * Refreshes the metadata in the background, before the data-path token expires, on the handler's
 * own threads (never the application's scheduler). After a success it sleeps until the planned
 * refresh time; after a failure it backs off exponentially and tries again, for as long as the
 * handler is open. Thread-safe.
 */
final class MetadataRefresher {

	private static final Logger logger = LoggerFactory.getLogger(MetadataRefresher.class);

	private final MetadataExchange exchange;

	private final RemoteRetry retry;

	private final RemoteExecutors executors;

	private final BackOff backOff;

	private BackOffExecution failures;

	private ScheduledFuture<?> next;

	private boolean stopped;

	MetadataRefresher(MetadataExchange exchange, RemoteRetry retry, RemoteExecutors executors) {
		this.exchange = exchange;
		this.retry = retry;
		this.executors = executors;
		this.backOff = retry.unlimitedBackOff();
	}

	/** Plans the next refresh from the held metadata. Idempotent. */
	synchronized void start() {
		if (this.next == null && !this.stopped) {
			scheduleAt(this.exchange.nextRefreshAt());
		}
	}

	synchronized void stop() {
		this.stopped = true;
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

	private synchronized void scheduleAt(Instant when) {
		long delay = (when != null) ? Math.max(0, Duration.between(Instant.now(), when).toMillis()) : 0;
		schedule(delay);
	}

	private synchronized void schedule(long delayMillis) {
		if (this.stopped) {
			return;
		}
		try {
			this.next = this.executors.timer().schedule(this::runOnWorker, delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (KvException | RejectedExecutionException ex) {
			// The handler is closing.
		}
	}

	private void runOnWorker() {
		try {
			this.executors.workers().execute(this::refresh);
		}
		catch (KvException | RejectedExecutionException ex) {
			// The handler is closing.
		}
	}

	private void refresh() {
		if (!this.exchange.isRefreshDue()) {
			scheduleAt(this.exchange.nextRefreshAt());
			return;
		}
		try {
			this.retry.call("metadata exchange", true, (deadline) -> this.exchange.refresh(this.exchange.held(), deadline));
			synchronized (this) {
				this.failures = null;
			}
			scheduleAt(this.exchange.nextRefreshAt());
		}
		catch (RuntimeException ex) {
			long delay;
			synchronized (this) {
				if (this.stopped) {
					return;
				}
				if (this.failures == null) {
					this.failures = this.backOff.start();
				}
				delay = this.failures.nextBackOff();
			}
			logger.warn("Background KV Connect metadata refresh failed, trying again in {} ms: {}", delay, ex.getMessage());
			schedule(delay);
		}
	}

}
