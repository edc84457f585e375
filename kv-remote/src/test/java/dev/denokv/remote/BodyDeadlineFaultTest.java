package dev.denokv.remote;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.Consistency;
import dev.denokv.remote.FaultServer.Fault;

import static dev.denokv.remote.RemoteRetryFaultTest.elapsedMillis;
import static dev.denokv.remote.RemoteRetryFaultTest.sleep;
import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.get;
import static dev.denokv.remote.RemoteTestSupport.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transport's deadline covers the whole response, body included: the JDK's request timeout
 * stops at the headers, so a server that sends them at once and then trickles the body must be
 * cut short by the transport itself, which abandons the exchange. An interrupted caller stops
 * waiting in either phase. (That the retry deadline also cuts a trickling body short is in
 * {@link RemoteRetryFaultTest}.)
 */
class BodyDeadlineFaultTest extends FaultServerTestBase {

	/** Slack for thread scheduling on a busy machine. */
	private static final long SLACK_MILLIS = 1000;

	@Test
	void aBodyTricklingInPastTheRequestTimeoutTimesOutAndIsRetried() {
		open(FAST.withRequestTimeout(Duration.ofMillis(700))).atomicWrite(set("a", "1"));
		this.server.fault("snapshot_read", Fault.trickle(Duration.ofSeconds(8)));
		long start = System.nanoTime();
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("1");
		assertThat(elapsedMillis(start)).isGreaterThanOrEqualTo(700).isLessThan(700 + SLACK_MILLIS);
		assertThat(this.server.requests("snapshot_read")).hasSize(2);
		awaitAbandonedTrickles(1);
	}

	@Test
	void anInterruptedCallStopsWaitingForHeadersOrBodyAndKeepsTheInterrupt() throws InterruptedException {
		open(FAST.withRequestTimeout(Duration.ofSeconds(5))).atomicWrite(set("a", "1"));
		this.server.fault("snapshot_read", Fault.delay(Duration.ofSeconds(5)), Fault.trickle(Duration.ofSeconds(8)));
		for (int i = 0; i < 2; i++) {
			Thread caller = Thread.currentThread();
			Thread interrupter = new Thread(() -> {
				sleep(300);
				caller.interrupt();
			});
			long start = System.nanoTime();
			interrupter.start();
			try {
				assertThatThrownBy(() -> get(this.handler, "a", Consistency.STRONG))
					.isInstanceOf(KvBackendException.class)
					.hasMessageContaining("Interrupted while waiting for KV Connect request");
				assertThat(elapsedMillis(start)).isLessThan(300 + SLACK_MILLIS);
			}
			finally {
				// The interrupt is kept for the caller. Read (and clear) it before joining: join()
				// on an interrupter that is still alive would otherwise throw at once.
				boolean interruptKept = Thread.interrupted();
				interrupter.join(5000);
				assertThat(interruptKept).isTrue();
			}
		}
		assertThat(this.server.requests("snapshot_read")).hasSize(2);
		awaitAbandonedTrickles(1);
	}

	private void awaitAbandonedTrickles(int expected) {
		long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.server.abandonedTrickles() < expected && System.nanoTime() < end) {
			sleep(20);
		}
		assertThat(this.server.abandonedTrickles()).isEqualTo(expected);
	}

}
