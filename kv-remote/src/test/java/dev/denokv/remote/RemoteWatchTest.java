package dev.denokv.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvClosedException;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.WatchStream;
import dev.denokv.remote.FaultServer.Fault;

import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.key;
import static dev.denokv.remote.RemoteTestSupport.set;
import static dev.denokv.remote.RemoteTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Watch streams over KV Connect v3: diffs, reconnects, dead connections, errors and close. */
class RemoteWatchTest extends FaultServerTestBase {

	/** Bound on every wait; never reached when things work. */
	private static final Duration WAIT = Duration.ofSeconds(10);

	@BeforeEach
	void openHandler() {
		open(FAST.withWatchIdleTimeout(Duration.ofMillis(500)));
	}

	@Test
	void deliversTheCurrentStateThenChangesAndKeepsUnchangedKeys() throws Exception {
		try (WatchStream watch = this.handler.watch(List.of(key("a"), key("b")))) {
			assertThat(texts(next(watch))).containsExactly(null, null);
			this.handler.atomicWrite(set("a", "A1"));
			// The server marks b changed=false: its last state (absent) is kept.
			assertThat(texts(awaitState(watch, "A1", null))).containsExactly("A1", null);
			this.handler.atomicWrite(set("b", "B1"));
			assertThat(texts(awaitState(watch, "A1", "B1"))).containsExactly("A1", "B1");
			this.handler.atomicWrite(set("c", "other key"));
			this.handler.atomicWrite(set("a", "A2"));
			assertThat(texts(awaitState(watch, "A2", "B1"))).containsExactly("A2", "B1");
		}
		assertThat(this.server.requests("watch")).hasSize(1);
	}

	@Test
	void aChangeMadeWhileDisconnectedIsDeliveredAfterTheReconnect() throws Exception {
		this.handler.atomicWrite(set("a", "before"));
		// The first connection ends after its snapshot; the write happens before the client is back.
		this.server.fault("watch", Fault.watchEnd(() -> this.server.store.write(set("a", "while away"))));
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			List<String> seen = new ArrayList<>();
			long end = System.nanoTime() + WAIT.toNanos();
			while (!seen.contains("while away") && System.nanoTime() < end) {
				List<RawEntry> snapshot = watch.poll(Duration.ofMillis(100));
				if (snapshot != null) {
					seen.add(text(snapshot.get(0)));
				}
			}
			assertThat(seen).contains("while away");
			assertThat(seen.get(0)).isIn("before", "while away");
			this.handler.atomicWrite(set("a", "after"));
			assertThat(texts(awaitState(watch, "after"))).containsExactly("after");
		}
		assertThat(this.server.requests("watch")).hasSize(2);
	}

	@Test
	void repeatedDisconnectsMissNoChange() throws Exception {
		for (int i = 0; i < 5; i++) {
			int n = i;
			this.server.fault("watch", Fault.watchEnd(() -> this.server.store.write(set("a", "v" + n))));
		}
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			// Every write happened during a disconnect; the last one must arrive.
			assertThat(texts(awaitState(watch, "v4"))).containsExactly("v4");
		}
		assertThat(this.server.requests("watch")).hasSize(6);
	}

	@Test
	void aSilentConnectionIsDetectedAndReplaced() throws Exception {
		this.server.fault("watch", Fault.watchSilent());
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThat(texts(next(watch))).containsExactly((String) null);
			// No frame, not even a keep-alive, for the idle timeout (500 ms): the client reconnects.
			awaitRequests("watch", 2);
			this.handler.atomicWrite(set("a", "after reconnect"));
			assertThat(texts(awaitState(watch, "after reconnect"))).containsExactly("after reconnect");
		}
	}

	@Test
	void keepAlivesKeepAnIdleConnectionOpen() throws Exception {
		this.handler.close();
		open(FAST.withWatchIdleTimeout(Duration.ofMillis(1000)));
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			next(watch);
			// Pings every 100 ms, idle timeout 1 s.
			RemoteRetryFaultTest.sleep(2500);
			assertThat(this.server.requests("watch")).hasSize(1);
		}
	}

	@Test
	void serverErrorsOnConnectAreRetriedWithBackoff() throws Exception {
		this.server.fault("watch", Fault.status(503, "busy"), Fault.drop(), Fault.status(502, "bad gateway"));
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThat(texts(next(watch))).containsExactly((String) null);
		}
		List<FaultServer.Recorded> attempts = this.server.requests("watch");
		assertThat(attempts).hasSize(4);
		long[] gaps = RemoteTestSupport.gapsMillis(attempts);
		assertThat(gaps[0]).isGreaterThanOrEqualTo(48);
		assertThat(gaps[1]).isGreaterThanOrEqualTo(58);
		assertThat(gaps[2]).isGreaterThanOrEqualTo(118);
	}

	@Test
	void anExpiredTokenIsRefreshedBeforeReconnecting() throws Exception {
		this.handler.refreshMetadata();
		this.server.revokeTokens();
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThat(texts(next(watch))).containsExactly((String) null);
		}
		assertThat(this.server.requests("metadata")).hasSize(2);
		assertThat(this.server.requests("watch")).hasSize(2);
	}

	@Test
	void aRefreshThatFailsOnceDoesNotEndTheStream() throws Exception {
		// The token is rejected and the metadata endpoint is busy once: the watch must refresh again
		// on the next rejection instead of giving up with "Invalid access token".
		this.handler.refreshMetadata();
		this.server.revokeTokens();
		this.server.fault("metadata", Fault.status(503, "busy"));
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThat(texts(next(watch))).containsExactly((String) null);
		}
		assertThat(this.server.requests("metadata")).hasSize(3);
	}

	@Test
	void aConnectionEndingAfterEverySnapshotBacksOff() throws Exception {
		// A proxy that cuts every stream after its first frame must not be answered with a reconnect
		// at the shortest delay every time: the delays grow (FAST: 50 ms doubling, 1 s at most).
		for (int i = 0; i < 4; i++) {
			this.server.fault("watch", Fault.watchEnd(() -> {
			}));
		}
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThat(texts(next(watch))).containsExactly((String) null);
			awaitRequests("watch", 5);
		}
		long[] gaps = RemoteTestSupport.gapsMillis(this.server.requests("watch"));
		// 50, 100, 200, 400 ms. The jitter (20 ms) grows with the multiplier, to ±160 ms on the
		// fourth delay (282 ms was seen), so that one lies in 240..560 ms. Had every ended stream
		// reset the back-off, all four would be 50 ± 20 ms.
		assertThat(gaps[3]).isGreaterThanOrEqualTo(150);
	}

	@Test
	void aClientErrorEndsTheStreamWithTheServersMessage() throws Exception {
		this.server.fault("watch", Fault.status(400, "Too many keys."));
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			KvRemoteException ex = catchThrowableOfType(KvRemoteException.class, () -> watch.poll(WAIT));
			assertThat(ex.status()).isEqualTo(400);
			assertThat(ex).hasMessageEndingWith("(status=400): Too many keys.");
		}
		assertThat(this.server.requests("watch")).hasSize(1);
	}

	@Test
	void watchNeedsProtocolVersion3() throws Exception {
		this.server.protocolVersion = 2;
		try (WatchStream watch = this.handler.watch(List.of(key("a")))) {
			assertThatThrownBy(() -> watch.poll(WAIT)).isInstanceOf(KvRemoteException.class)
				.hasMessage("watch needs KV Connect protocol version 3, but the server negotiated version 2");
		}
	}

	@Test
	void closingTheHandlerEndsEveryStreamAndItsThreads() throws Exception {
		WatchStream first = this.handler.watch(List.of(key("a")));
		WatchStream second = this.handler.watch(List.of(key("b")));
		next(first);
		next(second);
		this.handler.close();
		assertThatThrownBy(() -> first.poll(Duration.ofMillis(10))).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> second.poll(Duration.ofMillis(10))).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> this.handler.watch(List.of(key("a")))).isInstanceOf(KvClosedException.class);
		long end = System.nanoTime() + WAIT.toNanos();
		while (handlerThreads() > 0 && System.nanoTime() < end) {
			RemoteRetryFaultTest.sleep(20);
		}
		assertThat(handlerThreads()).isZero();
	}

	@Test
	void closingAStreamWakesItsConsumer() throws Exception {
		WatchStream watch = this.handler.watch(List.of(key("a")));
		next(watch);
		Thread closer = new Thread(() -> {
			RemoteRetryFaultTest.sleep(200);
			watch.close();
		});
		closer.start();
		assertThatThrownBy(() -> watch.poll(WAIT)).isInstanceOf(KvClosedException.class);
		closer.join(WAIT.toMillis());
	}

	private static long handlerThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((t) -> t.isAlive() && t.getName().startsWith("denokv-remote-"))
			.count();
	}

	private static List<RawEntry> next(WatchStream watch) throws InterruptedException {
		List<RawEntry> snapshot = watch.poll(WAIT);
		assertThat(snapshot).as("a snapshot within " + WAIT).isNotNull();
		return snapshot;
	}

	/** Polls until a snapshot with these values arrives (bounded). */
	private static List<RawEntry> awaitState(WatchStream watch, String... values) throws InterruptedException {
		long end = System.nanoTime() + WAIT.toNanos();
		List<String> expected = java.util.Arrays.asList(values);
		while (System.nanoTime() < end) {
			List<RawEntry> snapshot = watch.poll(Duration.ofMillis(100));
			if (snapshot != null && texts(snapshot).equals(expected)) {
				return snapshot;
			}
		}
		throw new AssertionError("no snapshot " + expected + " within " + WAIT);
	}

	private static List<String> texts(List<RawEntry> snapshot) {
		List<String> out = new ArrayList<>();
		snapshot.forEach((e) -> out.add(text(e)));
		return out;
	}


}
