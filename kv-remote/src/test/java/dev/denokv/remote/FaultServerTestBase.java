package dev.denokv.remote;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

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

}
