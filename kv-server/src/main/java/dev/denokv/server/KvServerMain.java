package dev.denokv.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.denokv.core.KvLimits;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

/**
 * The standalone KV Connect server, a drop-in for {@code denokv serve}:
 * {@code java -jar kv-server-<version>-exec.jar --sqlite-path FILE serve --access-token TOKEN --addr HOST:PORT}.
 * Prints {@code Listening on http://HOST:PORT} once it accepts connections, and shuts down cleanly
 * (watch streams ended, database closed) on SIGINT/SIGTERM.
 */
public final class KvServerMain {

	/** Tomcat's own INFO chatter is not useful to a user of this command; keep a reference so it sticks. */
	private static final Logger TOMCAT_LOGGER = Logger.getLogger("org.apache");

	private KvServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
			System.out.print(ServeCommand.USAGE);
			return;
		}
		ServeCommand command;
		try {
			command = ServeCommand.parse(args, System.getenv());
		}
		catch (ServeCommand.UsageException ex) {
			System.err.println("error: " + ex.getMessage());
			System.err.println();
			System.err.print(ServeCommand.USAGE);
			System.exit(2);
			return;
		}
		TOMCAT_LOGGER.setLevel(Level.WARNING);
		CountDownLatch stopped = new CountDownLatch(1);
		Running running = start(command, System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			running.close();
			stopped.countDown();
		}, "kv-server-shutdown"));
		stopped.await();
	}

	/**
	 * Opens the database, starts the server and prints the {@code Listening on} line.
	 * @return the running server and its database, closed together
	 */
	static Running start(ServeCommand command, PrintStream out) {
		// The server checks every request with denokv's limits (RequestLimits); the handler's own
		// checks must not reject what it accepted, so they get the widened limits.
		SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(SqliteOptions.file(command.sqlitePath())
			.withReadOnly(command.readOnly())
			.withLimits(KvLimits.kvConnectBackend()));
		try {
			KvConnectServer.Builder builder = KvConnectServer
				.builder(handler, KvConnectServerOptions.builder(command.accessToken()).build())
				.host(command.host())
				.port(command.port())
				.pathPrefix(command.pathPrefix());
			if (command.keystore() != null) {
				builder.tls(command.keystore(), command.keystorePassword(), command.keystoreType());
			}
			KvConnectServer server = builder.start();
			out.println("Listening on " + server.url());
			out.flush();
			return new Running(server, handler);
		}
		catch (RuntimeException ex) {
			handler.close();
			throw ex;
		}
	}

	/** A started server with the database it serves. */
	record Running(KvConnectServer server, SqliteDatabaseHandler handler) implements AutoCloseable {

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

}
