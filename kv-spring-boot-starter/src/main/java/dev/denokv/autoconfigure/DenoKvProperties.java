package dev.denokv.autoconfigure;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.denokv.sqlite.Synchronous;

/**
 * Configuration of Deno KV, bound from {@code deno.kv.*}.
 *
 * @param url Where the database lives: a SQLite file path (relative paths resolve against the
 * working directory), :memory: for a private in-memory database, or an http(s) KV Connect
 * URL (Deno Deploy, a self-hosted denokv, or another app's KV Connect server).
 * @param accessToken Bearer token for a KV Connect URL; when unset, the environment variable
 * DENO_KV_ACCESS_TOKEN is used, as in Deno.
 * @param sqlite Tuning of the SQLite backend, used when the URL is a file or :memory:.
 * @param remote Tuning of the KV Connect client, used when the URL is http(s).
 * @param server Serving this application's database to Deno and other clients over KV Connect.
 * @param listener Queue listeners, the @KvQueueListener methods.
 * @param health The Actuator health indicator.
 */
@ConfigurationProperties("deno.kv")
public record DenoKvProperties(@DefaultValue(DenoKvProperties.DEFAULT_URL) String url, String accessToken,
		@DefaultValue Sqlite sqlite, @DefaultValue Remote remote, @DefaultValue Server server,
		@DefaultValue Listener listener, @DefaultValue Health health) {

	/** Default database: a file in the working directory, the name Deno uses for its default database. */
	public static final String DEFAULT_URL = "kv.sqlite3";

	/** Environment variable Deno reads the KV Connect access token from. */
	public static final String ACCESS_TOKEN_ENV = "DENO_KV_ACCESS_TOKEN";

	/**
	 * Tuning of the SQLite backend.
	 *
	 * @param synchronous Durability of each commit (SQLite's synchronous pragma): FULL, Deno's default,
	 * survives power loss; NORMAL is much faster and survives a crash of the process, but may lose the
	 * last commits on power loss.
	 * @param busyTimeout How long a connection waits for a lock held by another process before the
	 * transaction is retried.
	 * @param readers Maximum number of read connections, which serve reads in parallel with the writer.
	 * Defaults to twice the number of CPU cores, at least 4.
	 * @param expirySweepInterval How often expired keys are deleted; they are hidden from reads as soon as
	 * they expire, the sweep only frees their space and notifies watchers.
	 * @param mmapSize How much of the database file each connection reads through a memory map
	 * (SQLite's mmap_size) instead of copying pages in; 0 turns it off.
	 * @param readOnly Whether to open the file for reads only, as Deno opens a file it cannot write: reads
	 * and watches work, writes fail with "Can not write to a read-only database.", and no queue messages are
	 * delivered. The file must already hold Deno's schema. A file the application cannot write is opened
	 * read-only anyway.
	 */
	public record Sqlite(@DefaultValue("full") Synchronous synchronous, @DefaultValue("5s") Duration busyTimeout,
			Integer readers, @DefaultValue("1s") Duration expirySweepInterval,
			@DefaultValue("256MB") DataSize mmapSize, @DefaultValue("false") boolean readOnly) {

	}

	/**
	 * Tuning of the KV Connect client.
	 *
	 * @param connectTimeout Time allowed to open a connection to the server.
	 * @param requestTimeout Time allowed for one request and its response, per attempt (watch streams have
	 * none, they use the watch idle timeout).
	 * @param retry Retry of network errors and 5xx responses, with randomized exponential backoff.
	 * @param metadataRefreshInterval How often the metadata (endpoints, data-path token) is exchanged
	 * again at least, as Deno does every 60 s; the scheduled refresher also wakes up earlier when the
	 * token's planned refresh comes first.
	 * @param metadataRefreshMargin How long before the data-path token expires it is refreshed.
	 * @param watchIdleTimeout How long a watch connection may deliver nothing, not even a keep-alive, before
	 * it is considered dead and reconnected.
	 * @param retryAmbiguousWrites Whether an atomic write is retried after a failure that leaves it unknown
	 * whether the server applied it (as Deno does); a retried write without checks, such as a sum, may then
	 * apply twice. When false, writes are retried only when they were certainly not sent: the connection
	 * could not be opened, or the metadata exchange they needed first failed.
	 */
	public record Remote(@DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration requestTimeout,
			@DefaultValue Retry retry, @DefaultValue("60s") Duration metadataRefreshInterval,
			@DefaultValue("5m") Duration metadataRefreshMargin, @DefaultValue("30s") Duration watchIdleTimeout,
			@DefaultValue("true") boolean retryAmbiguousWrites) {

	}

	/**
	 * Retry of failed KV Connect requests: the n-th retry waits {@code initialDelay * multiplier^n}, capped
	 * at {@code maxDelay}, plus or minus a random jitter; no retry starts after the deadline. 4xx responses
	 * are never retried.
	 *
	 * @param initialDelay Delay before the first retry.
	 * @param multiplier Factor applied to the delay after each retry.
	 * @param maxDelay Longest delay between two attempts.
	 * @param jitter Random spread added to or subtracted from each delay, so that clients do not retry in step.
	 * @param deadline Total time after which a failing call gives up and throws.
	 */
	public record Retry(@DefaultValue("200ms") Duration initialDelay, @DefaultValue("2.0") double multiplier,
			@DefaultValue("10s") Duration maxDelay, @DefaultValue("100ms") Duration jitter,
			@DefaultValue("60s") Duration deadline) {

	}

	/**
	 * A KV Connect server over this application's database, registered as a servlet in the
	 * application's web server. Deno speaks only HTTP/2 to KV Connect servers, so set
	 * {@code server.http2.enabled=true} (h2c on plain http).
	 *
	 * @param enabled Whether to serve this application's database over KV Connect.
	 * @param path Path of the metadata endpoint, the URL clients open; the data path is served below it
	 * (path/v2/...).
	 * @param accessToken Token that clients must send, at least 12 characters as in denokv. When unset, the
	 * environment variable DENO_KV_ACCESS_TOKEN is used.
	 * @param databaseId Database id announced to clients and required in their data-path requests.
	 * @param endpointUrl Data-path URL announced to clients. By default it is derived from each request
	 * (path/v2); set it only behind a proxy that rewrites paths.
	 * @param tokenTtl How long a metadata answer (data-path token, endpoints) is valid; denokv uses one day.
	 * @param pingInterval Time between keep-alive frames of a watch stream.
	 * @param maxRequestSize Largest accepted request body; larger requests get 400.
	 * @param maxConcurrentWatches Watch streams served at once; more get 503 and clients retry.
	 */
	public record Server(@DefaultValue("false") boolean enabled, @DefaultValue("/kv") String path, String accessToken,
			@DefaultValue("00000000-0000-0000-0000-000000000000") UUID databaseId, String endpointUrl,
			@DefaultValue("1d") Duration tokenTtl,
			@DefaultValue("5s") Duration pingInterval, @DefaultValue("4MB") DataSize maxRequestSize,
			@DefaultValue("256") int maxConcurrentWatches) {

	}

	/**
	 * Queue listeners.
	 *
	 * @param autoStartup Whether the listener container starts once the context is refreshed.
	 * @param concurrency Maximum number of messages handled at the same time.
	 * @param shutdownTimeout How long shutdown waits for messages in flight; handlers still running after
	 * it are interrupted and their messages are delivered again later.
	 */
	public record Listener(@DefaultValue("true") boolean autoStartup, @DefaultValue("10") int concurrency,
			@DefaultValue("30s") Duration shutdownTimeout) {

	}

	/**
	 * Health indicator.
	 *
	 * @param timeout Longest time the health check waits for the database before it reports DOWN.
	 */
	public record Health(@DefaultValue("2s") Duration timeout) {

	}

}
