package dev.denokv.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.key.KvKey;
import dev.denokv.model.Versionstamp;
import dev.denokv.value.KvType;

/**
 * A running watch: a thread of its own that polls the backend's {@link WatchStream} and calls the
 * listener with the current state first, then whenever at least one watched key's versionstamp
 * changed. States where no versionstamp changed are suppressed, as Deno does without
 * {@code raw: true}.
 */
final class KvWatchSubscription<T> implements KvSubscription {

	private static final Logger logger = LoggerFactory.getLogger(KvWatchSubscription.class);

	private static final NamedThreadFactory THREADS = new NamedThreadFactory("denokv-watch-");

	/** How often the loop wakes up to notice a cancellation even if the stream is slow to close. */
	private static final Duration POLL = Duration.ofSeconds(1);

	private final KvTemplate template;

	private final List<KvKey> keys;

	private final KvType<T> type;

	private final KvWatchListener<T> listener;

	private final WatchStream stream;

	private volatile boolean active = true;

	private Thread thread;

	KvWatchSubscription(KvTemplate template, List<KvKey> keys, KvType<T> type, KvWatchListener<T> listener,
			WatchStream stream) {
		this.template = template;
		this.keys = List.copyOf(keys);
		this.type = type;
		this.listener = Objects.requireNonNull(listener, "listener");
		this.stream = stream;
	}

	void start() {
		this.thread = THREADS.newThread(this::run);
		this.thread.start();
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public void cancel() {
		this.active = false;
		this.stream.close();
	}

	private void run() {
		List<Versionstamp> last = null;
		try {
			while (this.active) {
				List<RawEntry> snapshot = this.stream.poll(POLL);
				if (snapshot == null || !this.active) {
					continue;
				}
				List<Versionstamp> current = versionstamps(snapshot);
				if (current.equals(last)) {
					continue;
				}
				last = current;
				deliver(snapshot);
			}
		}
		catch (KvClosedException ex) {
			// Cancelled, or the template or backend was closed: the watch simply ends.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			if (this.active) {
				this.listener.onError(ex);
			}
		}
		finally {
			this.active = false;
			this.stream.close();
			this.template.deregister(this);
		}
	}

	private void deliver(List<RawEntry> snapshot) {
		List<KvEntry<T>> entries = new ArrayList<>(this.keys.size());
		for (int i = 0; i < this.keys.size(); i++) {
			RawEntry raw = snapshot.get(i);
			entries.add((raw != null)
					? new KvEntry<>(this.keys.get(i), this.template.valueCodec().decode(raw.value(), this.type),
							raw.versionstamp())
					: KvEntry.missing(this.keys.get(i)));
		}
		try {
			this.listener.onChange(List.copyOf(entries));
		}
		catch (RuntimeException ex) {
			logger.warn("Deno KV watch listener failed; the watch goes on", ex);
		}
	}

	private static List<Versionstamp> versionstamps(List<RawEntry> snapshot) {
		List<Versionstamp> list = new ArrayList<>(snapshot.size());
		for (RawEntry raw : snapshot) {
			list.add((raw != null) ? raw.versionstamp() : null);
		}
		return list;
	}

	@Override
	public String toString() {
		return "KvWatchSubscription[keys=" + this.keys + ", active=" + this.active + "]";
	}

}
