package dev.denokv.server.testsupport;

import java.util.function.UnaryOperator;

import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

/**
 * A KV Connect server on 127.0.0.1 (any free port) over a SQLite file, with a {@link KvConnectHttp}
 * caller for it and the test token. Closing it stops the server, then closes the database.
 */
public final class KvConnectTestServer implements AutoCloseable {

	private final SqliteDatabaseHandler handler;

	private final KvConnectServer server;

	private final KvConnectHttp http;

	private KvConnectTestServer(SqliteDatabaseHandler handler, KvConnectServer server) {
		this.handler = handler;
		this.server = server;
		this.http = new KvConnectHttp(server.url());
	}

	/**
	 * Opens the database and starts the server.
	 * @param options adjusts the server options (the token is {@link KvConnectHttp#TOKEN})
	 */
	public static KvConnectTestServer start(SqliteOptions sqlite,
			UnaryOperator<KvConnectServerOptions.Builder> options) {
		SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(sqlite);
		try {
			KvConnectServer server = KvConnectServer
				.builder(handler, options.apply(KvConnectServerOptions.builder(KvConnectHttp.TOKEN)).build())
				.host("127.0.0.1")
				.port(0)
				.start();
			return new KvConnectTestServer(handler, server);
		}
		catch (RuntimeException ex) {
			handler.close();
			throw ex;
		}
	}

	public SqliteDatabaseHandler handler() {
		return this.handler;
	}

	public KvConnectServer server() {
		return this.server;
	}

	public KvConnectHttp http() {
		return this.http;
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		finally {
			this.handler.close();
		}
	}

}
