package dev.denokv.core;

/**
 * Handles one queue message. Returning normally acknowledges it; throwing makes the queue retry it
 * after the next interval of its backoff schedule, and once the schedule is used up the message is
 * written to its {@code keysIfUndelivered} keys and dropped (at-least-once delivery, as in Deno).
 *
 * @param <T> the type the message is decoded to
 */
@FunctionalInterface
public interface KvQueueHandler<T> {

	void handle(T message) throws Exception;

}
