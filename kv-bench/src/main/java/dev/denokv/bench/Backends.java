package dev.denokv.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.denokv.core.KvTemplate;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteOptions;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.value.JacksonKvValueCodec;

/** Opens each Java backend on a fresh database file and runs the workload through KvTemplate. */
final class Backends {

	private static final String TOKEN = "benchmark-access-token";

	private Backends() {
	}

	/** The SQLite backend with its defaults (synchronous=FULL, like Deno). */
	static Map<String, Workload.PhaseResult> runSqlite(Path file, int n) throws Exception {
		deleteDatabase(file);
		try (KvTemplate kv = new KvTemplate(SqliteDatabaseHandler.open(file), new JacksonKvValueCodec())) {
			return new Workload(kv, n).run();
		}
	}

	/**
	 * The Remote backend over real HTTP on 127.0.0.1, talking to this project's KV Connect server,
	 * which stores into a SQLite file with the default durability.
	 */
	static Map<String, Workload.PhaseResult> runRemote(Path file, int n) throws Exception {
		deleteDatabase(file);
		try (SqliteDatabaseHandler storage = SqliteDatabaseHandler.open(file);
				KvConnectServer server = KvConnectServer.builder(storage, KvConnectServerOptions.builder(TOKEN).build())
					.host("127.0.0.1")
					.port(0)
					.start();
				KvTemplate kv = new KvTemplate(
						RemoteDatabaseHandler.create(server.url(), TOKEN, RemoteOptions.defaults()),
						new JacksonKvValueCodec())) {
			return new Workload(kv, n).run();
		}
	}

	private static void deleteDatabase(Path file) throws IOException {
		for (String suffix : new String[] { "", "-wal", "-shm" }) {
			Files.deleteIfExists(Path.of(file + suffix));
		}
	}

}
