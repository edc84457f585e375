package dev.denokv.remote;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import dev.denokv.core.KvTemplateContractTests;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.value.JacksonKvValueCodec;
import dev.denokv.value.KvValueCodec;

/**
 * The whole KvTemplate suite that runs on SQLite, run through the remote handler: KvTemplate ->
 * RemoteDatabaseHandler -> HTTP on 127.0.0.1 -> this project's KV Connect server -> a SQLite file.
 */
class RemoteKvTemplateContractTests extends KvTemplateContractTests {

	private static final String TOKEN = "contract-access-token";

	private SqliteDatabaseHandler sqlite;

	private KvConnectServer server;

	@Override
	protected DatabaseHandler createHandler(Path dir) {
		this.sqlite = SqliteDatabaseHandler.open(dir.resolve("kv.sqlite3"));
		this.server = KvConnectServer
			.builder(this.sqlite, KvConnectServerOptions.builder(TOKEN).pingInterval(Duration.ofMillis(500)).build())
			.host("127.0.0.1")
			.port(0)
			.start();
		return RemoteDatabaseHandler.create(this.server.url(), TOKEN, RemoteTestSupport.FAST);
	}

	@Override
	protected KvValueCodec createValueCodec() {
		return new JacksonKvValueCodec();
	}

	@Override
	public boolean supportsQueues() {
		return false;
	}

	/** Runs before the suite closes its templates (and with them the remote handler), which needs neither. */
	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
		if (this.sqlite != null) {
			this.sqlite.close();
		}
	}

}
