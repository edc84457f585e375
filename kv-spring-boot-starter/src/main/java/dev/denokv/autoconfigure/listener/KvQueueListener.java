package dev.denokv.autoconfigure.listener;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of this application's Deno KV queue, the Java counterpart of
 * {@code kv.listenQueue(handler)}. The method takes one parameter: each message is decoded into
 * that parameter's type with the application's {@code KvValueCodec} (a record or POJO reads a JS
 * object, {@code Object} gives the natural form: maps, lists, numbers...).
 * <p>
 * Returning normally acknowledges the message. Throwing schedules a retry from the message's
 * backoff schedule; when none is left the message is written to its {@code keysIfUndelivered}
 * keys, as in Deno. Delivery is at-least-once, so handlers should be idempotent.
 * <p>
 * A database has a single queue, so an application has at most one {@code @KvQueueListener}
 * method (Deno silently splits messages between several listeners; this starter refuses to
 * start instead). To handle several kinds of messages, let the parameter be a polymorphic type,
 * for example a sealed interface with Jackson's {@code @JsonTypeInfo}, and dispatch inside.
 * <p>
 * Listening starts once the application context has been refreshed, with
 * {@code deno.kv.listener.concurrency} messages handled at once. On shutdown no new message is
 * taken; messages in flight get {@code deno.kv.listener.shutdown-timeout} to finish, handlers still
 * running then are interrupted and their messages are delivered again later. Messages that were
 * never taken stay in the queue for the next start.
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KvQueueListener {

}
