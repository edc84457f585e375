package dev.denokv.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the KV Connect client. Every component has a default ({@link #defaults()}); use the
 * {@code with...} methods to change one. The Spring starter binds these from {@code deno.kv.remote.*}.
 *
 * @param connectTimeout time allowed to open a TCP (and TLS) connection
 * @param requestTimeout time allowed for one request and its whole response, per attempt; it is
 * also cut short so that no attempt outlives the retry deadline. Watch streams have none: they use
 * {@code watchIdleTimeout} instead
 * @param retry retry of network errors and 5xx responses
 * @param metadataRefreshInterval the metadata (endpoints, data-path token) is exchanged again at
 * least this often; Deno does it every 60 s
 * @param metadataRefreshMargin how long before the data-path token expires it is refreshed
 * @param backgroundRefresh whether the handler refreshes the metadata on its own daemon thread;
 * turn it off when something else (the Spring starter's scheduled refresher) calls
 * {@link RemoteDatabaseHandler#refreshIfDue()}
 * @param watchIdleTimeout a watch connection that delivers nothing, not even a keep-alive frame,
 * for this long is considered dead and is reconnected (denokv sends a keep-alive every 5 s)
 * @param retryAmbiguousWrites whether an {@code atomic_write} is retried after a failure that
 * leaves it unknown whether the server applied it (a timeout or a dropped connection after the
 * request was sent, or a 5xx). Deno does retry them; a retried write without checks (for example a
 * {@code sum}) can then be applied twice. When {@code false}, writes are retried only when they
 * were certainly not sent: the connection could not be opened, or the metadata exchange they
 * needed first failed
 * @param userAgent the {@code User-Agent} header
 */
public record RemoteOptions(Duration connectTimeout, Duration requestTimeout, Retry retry,
		Duration metadataRefreshInterval, Duration metadataRefreshMargin, boolean backgroundRefresh,
		Duration watchIdleTimeout, boolean retryAmbiguousWrites, String userAgent) {

	private static final RemoteOptions DEFAULTS = new RemoteOptions(Duration.ofSeconds(5), Duration.ofSeconds(30),
			Retry.defaults(), Duration.ofSeconds(60), Duration.ofMinutes(5), true, Duration.ofSeconds(30), true,
			"denokv-java");

	public RemoteOptions {
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(requestTimeout, "requestTimeout");
		Objects.requireNonNull(retry, "retry");
		requirePositive(metadataRefreshInterval, "metadataRefreshInterval");
		requireNotNegative(metadataRefreshMargin, "metadataRefreshMargin");
		requirePositive(watchIdleTimeout, "watchIdleTimeout");
		Objects.requireNonNull(userAgent, "userAgent");
	}

	/** Connect 5 s, request 30 s, {@link Retry#defaults()}, refresh every 60 s or 5 min before expiry. */
	public static RemoteOptions defaults() {
		return DEFAULTS;
	}

	public RemoteOptions withConnectTimeout(Duration value) {
		return new RemoteOptions(value, this.requestTimeout, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, this.watchIdleTimeout, this.retryAmbiguousWrites,
				this.userAgent);
	}

	public RemoteOptions withRequestTimeout(Duration value) {
		return new RemoteOptions(this.connectTimeout, value, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, this.watchIdleTimeout, this.retryAmbiguousWrites,
				this.userAgent);
	}

	public RemoteOptions withRetry(Retry value) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, value, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, this.watchIdleTimeout, this.retryAmbiguousWrites,
				this.userAgent);
	}

	public RemoteOptions withMetadataRefresh(Duration interval, Duration margin) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, this.retry, interval, margin,
				this.backgroundRefresh, this.watchIdleTimeout, this.retryAmbiguousWrites, this.userAgent);
	}

	public RemoteOptions withBackgroundRefresh(boolean value) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, value, this.watchIdleTimeout, this.retryAmbiguousWrites, this.userAgent);
	}

	public RemoteOptions withWatchIdleTimeout(Duration value) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, value, this.retryAmbiguousWrites, this.userAgent);
	}

	public RemoteOptions withRetryAmbiguousWrites(boolean value) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, this.watchIdleTimeout, value, this.userAgent);
	}

	public RemoteOptions withUserAgent(String value) {
		return new RemoteOptions(this.connectTimeout, this.requestTimeout, this.retry, this.metadataRefreshInterval,
				this.metadataRefreshMargin, this.backgroundRefresh, this.watchIdleTimeout, this.retryAmbiguousWrites,
				value);
	}

	/**
	 * Randomized exponential backoff for network errors and 5xx responses (and for watch
	 * reconnects, which never give up). The n-th retry waits {@code initialDelay * multiplier^n},
	 * capped at {@code maxDelay}, plus or minus a random share of {@code jitter} that grows with the
	 * multiplier, never below {@code initialDelay}. No retry starts when its wait would end after
	 * {@code deadline}, counted from the call's start. 4xx responses are never retried.
	 *
	 * @param initialDelay delay before the first retry
	 * @param multiplier factor applied to the delay after each retry (at least 1)
	 * @param maxDelay longest delay between two attempts
	 * @param jitter random spread added to or subtracted from each delay
	 * @param deadline total time after which a failing call gives up and throws
	 */
	public record Retry(Duration initialDelay, double multiplier, Duration maxDelay, Duration jitter,
			Duration deadline) {

		public Retry {
			requirePositive(initialDelay, "initialDelay");
			if (!(multiplier >= 1)) {
				throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
			}
			requirePositive(maxDelay, "maxDelay");
			requireNotNegative(jitter, "jitter");
			requirePositive(deadline, "deadline");
			if (maxDelay.compareTo(initialDelay) < 0) {
				throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
			}
		}

		/** 200 ms doubling up to 10 s, jitter 100 ms, deadline 60 s. */
		public static Retry defaults() {
			return new Retry(Duration.ofMillis(200), 2.0, Duration.ofSeconds(10), Duration.ofMillis(100),
					Duration.ofSeconds(60));
		}

	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	private static void requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

}
