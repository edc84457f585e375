package dev.denokv.sample.web;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.denokv.core.KvEntry;
import dev.denokv.core.KvOperations;
import dev.denokv.core.KvSubscription;
import dev.denokv.core.KvWatchListener;
import dev.denokv.key.KvKey;
import dev.denokv.sample.board.BoardKeys;
import dev.denokv.sample.board.BoardStats;
import dev.denokv.sample.jobs.Digest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent event streams fed by a Deno KV {@code watch} of the counters and the digest: each
 * browser gets the current state at once and then every change, whoever made it (this app, another
 * instance, or a Deno script on the same database). Streams end after a while and browsers
 * reconnect; they are all ended first thing at shutdown, so they do not hold it up.
 */
@Component
public class BoardEventStreams implements SmartLifecycle {

	/** Browsers reconnect by themselves; a bounded stream keeps dead connections from piling up. */
	private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

	private static final List<KvKey> WATCHED = watchedKeys();

	private final KvOperations kv;

	private final JsonMapper jsonMapper;

	private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	public BoardEventStreams(KvOperations kv, JsonMapper jsonMapper) {
		this.kv = kv;
		this.jsonMapper = jsonMapper;
	}

	/** Opens a stream; its first event is the current state. */
	public SseEmitter open() {
		SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
		AtomicReference<KvSubscription> subscription = new AtomicReference<>();
		Runnable end = () -> {
			this.emitters.remove(emitter);
			KvSubscription watch = subscription.get();
			if (watch != null) {
				watch.cancel();
			}
		};
		emitter.onCompletion(end);
		emitter.onTimeout(end);
		emitter.onError((ex) -> end.run());
		this.emitters.add(emitter);
		subscription.set(this.kv.watch(WATCHED, Object.class, new Forwarder(emitter, this.jsonMapper)));
		return emitter;
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Ends every stream, before the web server's graceful shutdown waits for open requests. */
	@Override
	public void stop() {
		this.running = false;
		for (SseEmitter emitter : new ArrayList<>(this.emitters)) {
			emitter.complete();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static List<KvKey> watchedKeys() {
		List<KvKey> keys = new ArrayList<>(BoardKeys.COUNTERS);
		keys.add(BoardKeys.DIGEST);
		return List.copyOf(keys);
	}

	/**
	 * Sends each watched state to one browser. One watch covers the counters (KvU64) and the digest
	 * (a JS object), so entries arrive in their natural form; the digest is bound to its record here,
	 * so that browsers get the same JSON as from {@code GET /api/digest} (whole numbers, not 2.0).
	 */
	private static final class Forwarder implements KvWatchListener<Object> {

		private final SseEmitter emitter;

		private final JsonMapper jsonMapper;

		Forwarder(SseEmitter emitter, JsonMapper jsonMapper) {
			this.emitter = emitter;
			this.jsonMapper = jsonMapper;
		}

		@Override
		public void onChange(List<KvEntry<Object>> entries) {
			BoardStats stats = BoardStats.of(entries.subList(0, BoardKeys.COUNTERS.size()));
			Object stored = entries.get(BoardKeys.COUNTERS.size()).value();
			try {
				Digest digest = (stored != null) ? this.jsonMapper.convertValue(stored, Digest.class) : null;
				this.emitter.send(SseEmitter.event().name("board").data(new BoardUpdate(stats, digest)));
			}
			catch (IOException | IllegalStateException | JacksonException ex) {
				// The browser went away, or the stored digest is not one: completing the emitter cancels the watch.
				this.emitter.completeWithError(ex);
			}
		}

		@Override
		public void onError(Throwable error) {
			this.emitter.completeWithError(error);
		}

	}

}
