package dev.denokv.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.denokv.handler.Consistency;
import dev.denokv.model.KvU64;
import dev.denokv.protocol.DatabaseMetadata;
import dev.denokv.remote.FaultServer.Fault;

import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.gapsMillis;
import static dev.denokv.remote.RemoteTestSupport.get;
import static dev.denokv.remote.RemoteTestSupport.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Network errors and 5xx answers are retried with randomized exponential backoff until the
 * deadline; 4xx answers are not. Timing assertions only check lower bounds (a retry never comes
 * early) and that calls end by their deadline, with generous slack for a loaded machine.
 */
class RemoteRetryFaultTest extends FaultServerTestBase {

	/** Slack for thread scheduling on a busy machine. */
	private static final long SLACK_MILLIS = 1000;

	@Test
	void serverErrorsAreRetriedWithGrowingRandomizedDelays() {
		open(FAST).refreshMetadata();
		long[][] runs = new long[2][];
		for (int run = 0; run < 2; run++) {
			int before = this.server.requests("snapshot_read").size();
			for (int i = 0; i < 5; i++) {
				this.server.fault("snapshot_read", Fault.status(503, "The server is temporarially unavailable, try again later."));
			}
			assertThat(get(this.handler, "a", Consistency.STRONG)).isNull();
			List<FaultServer.Recorded> attempts = this.server.requests("snapshot_read");
			assertThat(attempts).hasSize(before + 6);
			runs[run] = gapsMillis(attempts.subList(before, attempts.size()));
		}
		for (long[] gaps : runs) {
			// Spring's ExponentialBackOff with delay 50, multiplier 2, jitter 20: the n-th wait is drawn
			// from [max(50*2^n - 20*2^n, 50), 50*2^n + 20*2^n], so its lower bound grows: 50, 60, 120, 240, 480.
			long[] lower = { 50, 60, 120, 240, 480 };
			for (int i = 0; i < gaps.length; i++) {
				assertThat(gaps[i]).as("wait before retry %d in %s", i + 1, java.util.Arrays.toString(gaps))
					.isGreaterThanOrEqualTo(lower[i] - 2);
			}
			assertThat(gaps[4]).isGreaterThan(gaps[0] * 2);
		}
		// Randomized: the two runs did not wait the same times.
		assertThat(runs[0]).isNotEqualTo(runs[1]);
	}

	@Test
	void droppedConnectionsAreRetried() {
		open(FAST).atomicWrite(set("a", "1"));
		this.server.fault("snapshot_read", Fault.drop(), Fault.drop());
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("1");
		assertThat(this.server.requests("snapshot_read")).hasSize(3);
	}

	@Test
	void slowResponsesTimeOutAndAreRetried() {
		open(FAST.withRequestTimeout(Duration.ofMillis(700)));
		this.handler.refreshMetadata();
		this.server.fault("snapshot_read", Fault.delay(Duration.ofSeconds(4)));
		long start = System.nanoTime();
		assertThat(get(this.handler, "a", Consistency.STRONG)).isNull();
		assertThat(elapsedMillis(start)).isLessThan(4000);
		assertThat(this.server.requests("snapshot_read")).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void clientErrorsAreNotRetried() {
		open(FAST).refreshMetadata();
		for (int status : new int[] { 400, 404, 409, 413, 429 }) {
			int before = this.server.requests("atomic_write").size();
			this.server.fault("atomic_write", Fault.status(status, "Refused with " + status + "."));
			KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
					() -> this.handler.atomicWrite(set("a", "1")));
			assertThat(ex.status()).isEqualTo(status);
			assertThat(ex.isTransient()).isFalse();
			assertThat(ex).hasMessageContaining("(status=" + status + "): Refused with " + status + ".");
			assertThat(this.server.requests("atomic_write")).hasSize(before + 1);
		}
		assertThat(this.server.store.commits()).isZero();
	}

	@Test
	void persistentServerErrorsEndAtTheDeadline() {
		RemoteOptions.Retry retry = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0, Duration.ofMillis(200),
				Duration.ofMillis(20), Duration.ofMillis(800));
		open(FAST.withRetry(retry)).refreshMetadata();
		for (int i = 0; i < 100; i++) {
			this.server.fault("snapshot_read", Fault.status(500, "An internal server error occurred."));
		}
		long start = System.nanoTime();
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> get(this.handler, "a", Consistency.STRONG));
		assertThat(elapsedMillis(start)).isLessThan(800 + SLACK_MILLIS);
		assertThat(ex.status()).isEqualTo(500);
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex).hasMessageContaining("gave up after").hasMessageContaining("An internal server error occurred.");
		assertThat(this.server.requests("snapshot_read").size()).isGreaterThan(2);
	}

	/** Late headers, and headers at once with a body trickling in (past the JDK's request timeout). */
	static List<Fault> slowAnswers() {
		return List.of(Fault.delay(Duration.ofSeconds(5)), Fault.trickle(Duration.ofSeconds(5)));
	}

	@ParameterizedTest
	@MethodSource("slowAnswers")
	void aSlowServerCannotStretchACallPastItsDeadline(Fault slow) {
		RemoteOptions.Retry retry = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0, Duration.ofMillis(200),
				Duration.ofMillis(20), Duration.ofMillis(700));
		// The request timeout alone would allow 5 s; the deadline cuts the attempt short.
		open(FAST.withRetry(retry).withRequestTimeout(Duration.ofSeconds(5))).refreshMetadata();
		for (int i = 0; i < 10; i++) {
			this.server.fault("snapshot_read", slow);
		}
		long start = System.nanoTime();
		assertThatThrownBy(() -> get(this.handler, "a", Consistency.STRONG)).isInstanceOf(KvRemoteException.class)
			.hasMessageContaining("timed out");
		assertThat(elapsedMillis(start)).isLessThan(700 + SLACK_MILLIS);
	}

	@Test
	void unreachableServerEndsAtTheDeadline() throws IOException {
		RemoteOptions.Retry retry = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0, Duration.ofMillis(200),
				Duration.ofMillis(20), Duration.ofMillis(600));
		URI closed = URI.create("http://127.0.0.1:" + freePort() + "/kvdb");
		this.handler = RemoteDatabaseHandler.create(closed, FaultServer.ACCESS_TOKEN, FAST.withRetry(retry));
		long start = System.nanoTime();
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class, () -> this.handler.refreshMetadata());
		assertThat(elapsedMillis(start)).isLessThan(600 + SLACK_MILLIS);
		assertThat(ex.status()).isEqualTo(KvRemoteException.NO_STATUS);
		assertThat(ex).hasMessageContaining("could not connect");
		assertThat(this.handler.metadataState().status()).isEqualTo(RemoteMetadataState.Status.FAILED);
	}

	@Test
	void ambiguousWriteRetriesCanApplyASumTwice() {
		// The documented caveat: the first attempt times out on the client but is applied by the
		// server, and the retry applies it again.
		open(FAST.withRequestTimeout(Duration.ofMillis(700))).refreshMetadata();
		this.server.fault("atomic_write", Fault.delay(Duration.ofMillis(1500)));
		assertThat(this.handler.atomicWrite(RemoteTestSupport.sum("n", 1)).ok()).isTrue();
		awaitCommits(2);
		assertThat(u64("n")).isEqualTo(2);
	}

	@Test
	void aRetriedWriteWhoseChecksFailAfterAnAmbiguousAttemptReportsAnUnknownOutcome() {
		// The first attempt commits but a proxy loses its answer (502); the retry's check then fails
		// on the versionstamp that attempt wrote. "Check failed" would make a check-and-retry loop
		// apply the change twice.
		open(FAST).refreshMetadata();
		var first = (dev.denokv.handler.CommitResult.Committed) this.handler.atomicWrite(set("a", "1"));
		var guarded = new dev.denokv.handler.AtomicWrite(
				List.of(new dev.denokv.handler.Check(RemoteTestSupport.key("a"), first.versionstamp())),
				set("a", "2").mutations(), List.of());
		this.server.fault("atomic_write", Fault.appliedThenStatus(502));
		assertThatThrownBy(() -> this.handler.atomicWrite(guarded)).isInstanceOf(KvRemoteException.class)
			.hasMessageContaining("the outcome is unknown");
		awaitCommits(2);
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("2");
		// Without an ambiguous attempt, a failed check is still just a failed check.
		assertThat(this.handler.atomicWrite(guarded).ok()).isFalse();
	}

	@Test
	void aRetriedWriteThatTheServerRefusesAfterAnAmbiguousAttemptReportsAnUnknownOutcome() {
		// The first attempt (a sum, then a set of the same key to bytes) commits and its answer is
		// lost; the retry's sum then meets the bytes and fails. "Mutation failed" would say nothing
		// was written.
		open(FAST).refreshMetadata();
		var write = dev.denokv.handler.AtomicWrite.of(List.of(
				new dev.denokv.handler.Mutation(RemoteTestSupport.key("n"), dev.denokv.handler.MutationType.SUM,
						dev.denokv.model.RawValue.u64(KvU64.of(1)), 0),
				dev.denokv.handler.Mutation.set(RemoteTestSupport.key("n"), RemoteTestSupport.bytes("x"))));
		this.server.fault("atomic_write", Fault.appliedThenStatus(502));
		assertThatThrownBy(() -> this.handler.atomicWrite(write)).isInstanceOf(KvRemoteException.class)
			.hasMessageContaining("the outcome is unknown")
			.hasMessageContaining("Failed to perform 'sum' mutation on a non-U64 value in the database")
			.hasCauseInstanceOf(dev.denokv.error.KvMutationException.class);
		awaitCommits(1);
		assertThat(get(this.handler, "n", Consistency.STRONG)).isEqualTo("x");
		// Without an ambiguous attempt the same refusal is the plain mutation error.
		assertThatThrownBy(() -> this.handler.atomicWrite(write)).isInstanceOf(dev.denokv.error.KvMutationException.class);
	}

	@Test
	void closeStopsACallThatIsRetrying() throws Exception {
		open(FAST).refreshMetadata();
		Fault[] busy = new Fault[200];
		java.util.Arrays.fill(busy, Fault.status(503, "busy"));
		this.server.fault("snapshot_read", busy);
		java.util.concurrent.CompletableFuture<Object> outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return get(this.handler, "a", Consistency.STRONG);
			}
			catch (RuntimeException ex) {
				return ex;
			}
		});
		awaitRequests("snapshot_read", 3);
		this.handler.close();
		int atClose = this.server.requests("snapshot_read").size();
		// The next attempt (after at most one back-off delay, 1 s with FAST) sees the close.
		assertThat(outcome.get(3, java.util.concurrent.TimeUnit.SECONDS))
			.isInstanceOf(dev.denokv.error.KvClosedException.class);
		assertThat(this.server.requests("snapshot_read").size()).isLessThanOrEqualTo(atClose + 1);
	}

	@Test
	void anAsyncWriteInFlightAtCloseReportsAnUnknownOutcome() throws Exception {
		open(FAST).refreshMetadata();
		this.server.fault("atomic_write", Fault.delay(Duration.ofMillis(500)));
		var inFlight = this.handler.atomicWriteAsync(set("k", "v"));
		awaitRequests("atomic_write", 1);
		this.handler.close();
		assertThatThrownBy(inFlight::join).hasCauseInstanceOf(KvRemoteException.class)
			.hasMessageContaining("the outcome is unknown");
		// The server did commit it: "closed" (read as "not written") would have been wrong.
		awaitCommits(1);
		// A write made after close is simply refused.
		assertThatThrownBy(() -> this.handler.atomicWriteAsync(set("k", "w")).join())
			.hasCauseInstanceOf(dev.denokv.error.KvClosedException.class);
	}

	@Test
	void ambiguousWritesAreNotRetriedWhenSwitchedOff() {
		open(FAST.withRequestTimeout(Duration.ofMillis(700)).withRetryAmbiguousWrites(false)).refreshMetadata();
		this.server.fault("atomic_write", Fault.delay(Duration.ofMillis(1500)));
		assertThatThrownBy(() -> this.handler.atomicWrite(RemoteTestSupport.sum("n", 1)))
			.isInstanceOf(KvRemoteException.class)
			.hasMessageContaining("timed out");
		awaitCommits(1);
		assertThat(u64("n")).isEqualTo(1);
		assertThat(this.server.requests("atomic_write")).hasSize(1);
		// Reads are idempotent and still retried.
		this.server.fault("snapshot_read", Fault.drop());
		assertThat(u64("n")).isEqualTo(1);
	}

	@Test
	void writesAreRetriedWhenTheConnectionCannotBeOpenedEvenIfAmbiguousRetriesAreOff() throws IOException {
		RemoteOptions.Retry retry = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0, Duration.ofMillis(100),
				Duration.ofMillis(20), Duration.ofMillis(500));
		this.server.endpoints = List.of(
				new DatabaseMetadata.Endpoint("http://127.0.0.1:" + freePort() + "/data", dev.denokv.handler.Consistency.STRONG));
		open(FAST.withRetry(retry).withRetryAmbiguousWrites(false));
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> this.handler.atomicWrite(set("a", "1")));
		assertThat(ex).hasMessageContaining("could not connect").hasMessageContaining("gave up after");
		assertThat(ex.getMessage()).doesNotContain("after 1 attempt ");
	}

	@Test
	void aWriteIsRetriedWhenTheMetadataExchangeForItFailsEvenIfAmbiguousRetriesAreOff() {
		// The token has expired, so the write first exchanges the metadata; that exchange fails
		// (503, then a timeout) before the write is sent, so retrying the write cannot apply it twice.
		this.server.tokenLifetime = Duration.ofMillis(1200);
		open(FAST.withRequestTimeout(Duration.ofMillis(700)).withRetryAmbiguousWrites(false).withBackgroundRefresh(false));
		assertThat(this.handler.atomicWrite(RemoteTestSupport.sum("n", 1)).ok()).isTrue();
		sleep(1300);
		assertThat(this.handler.metadataState().status()).isEqualTo(RemoteMetadataState.Status.EXPIRED);
		this.server.fault("metadata", Fault.status(503, "busy"), Fault.delay(Duration.ofMillis(1500)));
		assertThat(this.handler.atomicWrite(RemoteTestSupport.sum("n", 1)).ok()).isTrue();
		awaitCommits(2);
		assertThat(this.server.requests("metadata")).hasSize(4);
		assertThat(this.server.requests("atomic_write")).hasSize(2);
	}

	@Test
	void aWriteRejectedForItsTokenIsRetriedWhenTheRefreshFailsEvenIfAmbiguousRetriesAreOff() {
		// The 401 says the write was not applied, and the refresh that follows fails transiently.
		open(FAST.withRetryAmbiguousWrites(false)).refreshMetadata();
		this.server.revokeTokens();
		this.server.fault("metadata", Fault.status(503, "busy"));
		assertThat(this.handler.atomicWrite(RemoteTestSupport.sum("n", 1)).ok()).isTrue();
		awaitCommits(1);
		assertThat(u64("n")).isEqualTo(1);
		assertThat(this.server.requests("metadata")).hasSize(3);
		// The first attempt got 401; the retry, still with the old token, got 401 again and refreshed.
		assertThat(this.server.requests("atomic_write")).hasSize(3);
	}

	@Test
	void aWriteWhoseMetadataNeverArrivesReportsTheMetadataFailure() {
		RemoteOptions.Retry retry = new RemoteOptions.Retry(Duration.ofMillis(50), 2.0, Duration.ofMillis(100),
				Duration.ofMillis(20), Duration.ofMillis(500));
		open(FAST.withRetry(retry).withRetryAmbiguousWrites(false));
		for (int i = 0; i < 100; i++) {
			this.server.fault("metadata", Fault.status(503, "busy"));
		}
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> this.handler.atomicWrite(set("a", "1")));
		assertThat(ex.status()).isEqualTo(503);
		assertThat(ex).hasMessageContaining("gave up after").hasMessageEndingWith("responded with status 503: busy");
		assertThat(ex.getMessage()).doesNotContain("after 1 attempt ");
		assertThat(ex.getCause()).isNotInstanceOf(UnsentRequestException.class);
		assertThat(this.server.requests("atomic_write")).isEmpty();
	}

	private long u64(String key) {
		var entries = this.handler.snapshotRead(List.of(dev.denokv.handler.ReadRange.single(RemoteTestSupport.key(key))),
				Consistency.STRONG).get(0).entries();
		return KvU64.fromLittleEndian(entries.get(0).value().data()).bits();
	}

	private void awaitCommits(int expected) {
		long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.server.store.commits() < expected && System.nanoTime() < end) {
			sleep(20);
		}
		// Give a late duplicate the chance to show up.
		sleep(300);
		assertThat(this.server.store.commits()).isEqualTo(expected);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static long elapsedMillis(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
