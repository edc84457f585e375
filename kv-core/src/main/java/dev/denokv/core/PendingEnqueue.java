package dev.denokv.core;

import java.time.Duration;
import java.util.List;

import dev.denokv.handler.Enqueue;

/**
 * A validated, encoded queue message waiting for its commit; the delivery time is fixed when the
 * write is sent, from the delay, as Deno does.
 */
record PendingEnqueue(byte[] payload, Duration delay, List<byte[]> keysIfUndelivered, List<Integer> backoffMillis) {

	Enqueue toEnqueue(KvRequestValidator validator, long nowMs) {
		return new Enqueue(this.payload, validator.deliveryTime(this.delay, nowMs), this.keysIfUndelivered,
				this.backoffMillis);
	}

}
