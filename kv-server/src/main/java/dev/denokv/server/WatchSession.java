package dev.denokv.server;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.protocol.WatchFrames;
import dev.denokv.protocol.WatchMapping;

/**
 * One open {@code watch} response, after its first ping (written by {@link WatchStreaming} as soon
 * as the request is accepted, as denokv does, so headers reach the client at once): every snapshot that differs from the last one sent, each as a complete frame with every
 * key marked changed, and a ping whenever {@code pingInterval} passes without a frame. It ends when
 * the client goes away (a write fails), the stream or handler closes, or {@link #close()} is called.
 */
final class WatchSession implements AutoCloseable {

	private final WatchStream stream;

	private final long pingIntervalNanos;

	private volatile boolean closed;

	WatchSession(WatchStream stream, Duration pingInterval) {
		this.stream = stream;
		this.pingIntervalNanos = pingInterval.toNanos();
	}

	/** Streams frames to {@code out} until the session ends; always closes the watch stream. */
	void run(OutputStream out) {
		try {
			List<RawEntry> last = null;
			// The response starts with a ping, written just before the session runs (WatchStreaming).
			long nextPing = System.nanoTime() + this.pingIntervalNanos;
			while (!this.closed) {
				long wait = nextPing - System.nanoTime();
				if (wait <= 0) {
					WatchFrames.writePing(out);
					out.flush();
					nextPing = System.nanoTime() + this.pingIntervalNanos;
					continue;
				}
				List<RawEntry> snapshot = this.stream.poll(Duration.ofNanos(wait));
				if (snapshot != null && !snapshot.equals(last)) {
					WatchFrames.write(out, WatchMapping.toWatchOutput(snapshot));
					out.flush();
					last = snapshot;
					nextPing = System.nanoTime() + this.pingIntervalNanos;
				}
			}
		}
		catch (IOException | KvClosedException ex) {
			// The client went away or the database closed: the client reconnects if it still cares.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.stream.close();
		}
	}

	/** Ends the session from any thread; wakes a blocked poll. */
	@Override
	public void close() {
		this.closed = true;
		this.stream.close();
	}

}
