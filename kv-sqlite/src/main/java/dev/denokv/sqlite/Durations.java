package dev.denokv.sqlite;

import java.time.Duration;

/** Timeouts as nanoseconds for {@code awaitNanos}, without overflow on huge durations. */
final class Durations {

	/** About 146 years: longer than any wait, short enough to add to {@code System.nanoTime()}. */
	private static final long FOREVER_NANOS = Long.MAX_VALUE / 2;

	private Durations() {
	}

	/** {@code timeout} in nanoseconds, at least 0 and at most {@link #FOREVER_NANOS}. */
	static long toNanos(Duration timeout) {
		if (timeout.isNegative()) {
			return 0;
		}
		try {
			return Math.min(timeout.toNanos(), FOREVER_NANOS);
		}
		catch (ArithmeticException ex) {
			return FOREVER_NANOS;
		}
	}

}
