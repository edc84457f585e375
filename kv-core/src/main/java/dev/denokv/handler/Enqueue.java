package dev.denokv.handler;

import java.util.List;
import java.util.Objects;

/**
 * A queue message to store with an atomic write.
 *
 * @param payload the V8-serialized message
 * @param deadlineMs when to deliver it, in ms since the epoch (a past time means now)
 * @param keysIfUndelivered encoded keys that receive the payload if every delivery fails
 * @param backoffSchedule retry delays in ms; {@code null} means the default
 * {@code [100, 1000, 5000, 30000, 60000]}, an empty list means no retries (as in Deno)
 */
public record Enqueue(byte[] payload, long deadlineMs, List<byte[]> keysIfUndelivered, List<Integer> backoffSchedule) {

	/** Deno's default backoff schedule in ms. */
	public static final List<Integer> DEFAULT_BACKOFF_SCHEDULE = List.of(100, 1000, 5000, 30000, 60000);

	public Enqueue {
		Objects.requireNonNull(payload, "payload");
		keysIfUndelivered = (keysIfUndelivered != null) ? List.copyOf(keysIfUndelivered) : List.of();
		backoffSchedule = (backoffSchedule != null) ? List.copyOf(backoffSchedule) : null;
	}

	/** The schedule to apply: the given one, or the default when none was given. */
	public List<Integer> effectiveBackoffSchedule() {
		return (this.backoffSchedule != null) ? this.backoffSchedule : DEFAULT_BACKOFF_SCHEDULE;
	}

}
