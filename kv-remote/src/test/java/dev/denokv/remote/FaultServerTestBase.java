package dev.denokv.remote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh {@link FaultServer} per test, and the handler under test, closed afterwards. */
abstract class FaultServerTestBase {

	protected FaultServer server;

	protected RemoteDatabaseHandler handler;

	@BeforeEach
	void startServer() throws Exception {
		this.server = new FaultServer();
	}

	@AfterEach
	void stopServer() {
		if (this.handler != null) {
			this.handler.close();
		}
		this.server.close();
	}

	/** A handler on the fault server with the right access token. */
	protected RemoteDatabaseHandler open(RemoteOptions options) {
		this.handler = RemoteDatabaseHandler.create(this.server.url(), FaultServer.ACCESS_TOKEN, options);
		return this.handler;
	}

	/** Waits (at most 5 s) until the server has seen {@code count} requests on {@code route}. */
	protected void awaitRequests(String route, int count) {
		long end = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
		while (this.server.requests(route).size() < count && System.nanoTime() < end) {
			RemoteRetryFaultTest.sleep(20);
		}
		assertThat(this.server.requests(route)).hasSizeGreaterThanOrEqualTo(count);
	}

}
