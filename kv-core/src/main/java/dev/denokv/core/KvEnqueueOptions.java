package dev.denokv.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.denokv.key.KvKey;

/**
 * Options of an enqueue, Deno's {@code { delay, keysIfUndelivered, backoffSchedule }}. Immutable:
 * every method returns a copy, starting from {@link #defaults()}. The values are checked when the
 * message is enqueued: delay 0 to 30 days; at most 5 backoff intervals of 0 to 1 hour.
 */
public final class KvEnqueueOptions {

	private static final KvEnqueueOptions DEFAULTS = new KvEnqueueOptions(Duration.ZERO, List.of(), null);

	private final Duration delay;

	private final List<KvKey> keysIfUndelivered;

	private final List<Duration> backoffSchedule;

	private KvEnqueueOptions(Duration delay, List<KvKey> keysIfUndelivered, List<Duration> backoffSchedule) {
		this.delay = delay;
		this.keysIfUndelivered = keysIfUndelivered;
		this.backoffSchedule = backoffSchedule;
	}

	/** Deliver now, no dead-letter keys, the backend's default backoff schedule. */
	public static KvEnqueueOptions defaults() {
		return DEFAULTS;
	}

	/** Deliver no earlier than {@code delay} from now (measured by this machine's clock). */
	public KvEnqueueOptions delay(Duration delay) {
		return new KvEnqueueOptions(Objects.requireNonNull(delay, "delay"), this.keysIfUndelivered,
				this.backoffSchedule);
	}

	/** Keys that receive the message if every delivery attempt fails (dead letters). */
	public KvEnqueueOptions keysIfUndelivered(KvKey... keys) {
		return keysIfUndelivered(List.of(keys));
	}

	/** Keys that receive the message if every delivery attempt fails (dead letters). */
	public KvEnqueueOptions keysIfUndelivered(List<KvKey> keys) {
		return new KvEnqueueOptions(this.delay, List.copyOf(keys), this.backoffSchedule);
	}

	/**
	 * Delays between failed deliveries; one more delivery is made per interval. An empty schedule
	 * means no retry. Without one the backend's default applies ({@code 100 ms, 1 s, 5 s, 30 s, 60 s}
	 * on SQLite).
	 */
	public KvEnqueueOptions backoffSchedule(Duration... intervals) {
		return backoffSchedule(List.of(intervals));
	}

	/** See {@link #backoffSchedule(Duration...)}. */
	public KvEnqueueOptions backoffSchedule(List<Duration> intervals) {
		return new KvEnqueueOptions(this.delay, this.keysIfUndelivered, List.copyOf(intervals));
	}

	public Duration getDelay() {
		return this.delay;
	}

	public List<KvKey> getKeysIfUndelivered() {
		return this.keysIfUndelivered;
	}

	/** The backoff schedule, or {@code null} for the backend's default. */
	public List<Duration> getBackoffSchedule() {
		return this.backoffSchedule;
	}

	@Override
	public String toString() {
		return "KvEnqueueOptions[delay=" + this.delay + ", keysIfUndelivered=" + this.keysIfUndelivered
				+ ", backoffSchedule=" + this.backoffSchedule + "]";
	}

}
