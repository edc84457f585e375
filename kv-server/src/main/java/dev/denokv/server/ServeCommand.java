package dev.denokv.server;

import java.nio.file.Path;
import java.util.Map;

/**
 * The standalone server's command line, mirroring denokv's:
 * {@code --sqlite-path FILE serve --access-token TOKEN [--addr HOST:PORT]}, with the same
 * environment fallbacks ({@code DENO_KV_SQLITE_PATH}, {@code DENO_KV_ACCESS_TOKEN}) and default
 * address ({@code 0.0.0.0:4512}), plus TLS and a path prefix.
 *
 * @param sqlitePath the database file (created when missing)
 * @param accessToken the access token (at least 12 characters)
 * @param host the address to bind
 * @param port the port to bind (0 for any)
 * @param pathPrefix the URL path to serve below, {@code ""} for the root
 * @param keystore a PKCS12/JKS keystore to serve TLS with, or {@code null} for cleartext
 * @param keystorePassword the keystore password
 * @param keystoreType the keystore type
 * @param readOnly whether to open the database read-only (writes answer 400 "This database is read only.")
 */
public record ServeCommand(Path sqlitePath, String accessToken, String host, int port, String pathPrefix,
		Path keystore, String keystorePassword, String keystoreType, boolean readOnly) {

	/** A read-write command, as before {@code --read-only} existed. */
	public ServeCommand(Path sqlitePath, String accessToken, String host, int port, String pathPrefix, Path keystore,
			String keystorePassword, String keystoreType) {
		this(sqlitePath, accessToken, host, port, pathPrefix, keystore, keystorePassword, keystoreType, false);
	}

	/** What {@code --help} prints. */
	public static final String USAGE = """
			Usage: --sqlite-path <FILE> serve --access-token <TOKEN> [options]

			Serves a Deno KV SQLite database over KV Connect (HTTP/1.1, h2c, and h2 with TLS).

			  --sqlite-path <FILE>        database file [env: DENO_KV_SQLITE_PATH]
			  --access-token <TOKEN>      access token, at least 12 chars [env: DENO_KV_ACCESS_TOKEN]
			  --addr <HOST:PORT>          listen address [default: 0.0.0.0:4512]
			  --path <PREFIX>             serve below this URL path [default: /]
			  --tls-keystore <FILE>       serve TLS with the certificate in this keystore
			  --tls-keystore-password <P> keystore password [env: DENO_KV_TLS_KEYSTORE_PASSWORD]
			  --tls-keystore-type <TYPE>  PKCS12 (default) or JKS
			  --read-only                 open the database read-only; writes answer 400
			""";

	/** A command line that cannot be run; the message says why. */
	public static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public UsageException(String message) {
			super(message);
		}

	}

	/**
	 * Parses {@code args} (environment variables fill in missing options).
	 * @throws UsageException for unknown or incomplete options, or a token shorter than 12
	 * characters ({@value KvConnectServerOptions#SHORT_TOKEN_MESSAGE})
	 */
	public static ServeCommand parse(String[] args, Map<String, String> env) {
		String sqlitePath = env.get("DENO_KV_SQLITE_PATH");
		String token = env.get("DENO_KV_ACCESS_TOKEN");
		String addr = "0.0.0.0:4512";
		String path = "";
		String keystore = null;
		String password = env.get("DENO_KV_TLS_KEYSTORE_PASSWORD");
		String type = "PKCS12";
		boolean serve = false;
		boolean readOnly = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "serve" -> serve = true;
				case "--sqlite-path" -> sqlitePath = value(args, ++i, arg);
				case "--access-token" -> token = value(args, ++i, arg);
				case "--addr" -> addr = value(args, ++i, arg);
				case "--path" -> path = value(args, ++i, arg);
				case "--tls-keystore" -> keystore = value(args, ++i, arg);
				case "--tls-keystore-password" -> password = value(args, ++i, arg);
				case "--tls-keystore-type" -> type = value(args, ++i, arg);
				case "--read-only" -> readOnly = true;
				default -> throw new UsageException("Unknown argument: " + arg);
			}
		}
		if (!serve) {
			throw new UsageException("Missing subcommand: serve");
		}
		if (sqlitePath == null || sqlitePath.isBlank()) {
			throw new UsageException("Missing --sqlite-path (or DENO_KV_SQLITE_PATH)");
		}
		if (token == null) {
			throw new UsageException("Missing --access-token (or DENO_KV_ACCESS_TOKEN)");
		}
		if (token.length() < KvConnectServerOptions.MIN_ACCESS_TOKEN_LENGTH) {
			throw new UsageException(KvConnectServerOptions.SHORT_TOKEN_MESSAGE);
		}
		int colon = addr.lastIndexOf(':');
		if (colon <= 0) {
			throw new UsageException("--addr must be HOST:PORT: " + addr);
		}
		String host = addr.substring(0, colon);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port;
		try {
			port = Integer.parseInt(addr.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--addr must be HOST:PORT: " + addr);
		}
		if (port < 0 || port > 65535) {
			throw new UsageException("--addr port out of range: " + addr);
		}
		if (keystore != null && password == null) {
			throw new UsageException("--tls-keystore needs --tls-keystore-password (or DENO_KV_TLS_KEYSTORE_PASSWORD)");
		}
		return new ServeCommand(Path.of(sqlitePath), token, host, port, path,
				(keystore != null) ? Path.of(keystore) : null, password, type, readOnly);
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new UsageException("Missing value for " + option);
		}
		return args[index];
	}

	@Override
	public String toString() {
		return "ServeCommand[sqlitePath=" + this.sqlitePath + ", accessToken=<hidden>, host=" + this.host + ", port="
				+ this.port + ", pathPrefix=" + this.pathPrefix + ", keystore=" + this.keystore + ", readOnly=" + this.readOnly + "]";
	}

}
