package dev.denokv.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.denokv.core.KvTemplateContractTests;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.handler.WatchStream;
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

	@Override
	protected DatabaseHandler createHandler(Path dir) {
		SqliteDatabaseHandler sqlite = SqliteDatabaseHandler.open(dir.resolve("kv.sqlite3"));
		KvConnectServer server = KvConnectServer
			.builder(sqlite, KvConnectServerOptions.builder(TOKEN).pingInterval(Duration.ofMillis(500)).build())
			.host("127.0.0.1")
			.port(0)
			.start();
		RemoteDatabaseHandler remote = RemoteDatabaseHandler.create(server.url(), TOKEN, RemoteTestSupport.FAST);
		return new ServedHandler(remote, server, sqlite);
	}

	@Override
	protected KvValueCodec createValueCodec() {
		return new JacksonKvValueCodec();
	}

	@Override
	public boolean supportsQueues() {
		return false;
	}

	/** The remote handler, closing the server and the database behind it when closed. */
	private record ServedHandler(RemoteDatabaseHandler remote, KvConnectServer server, SqliteDatabaseHandler sqlite)
			implements DatabaseHandler {

		@Override
		public List<ReadRangeOutput> snapshotRead(List<ReadRange> ranges, Consistency consistency) {
			return this.remote.snapshotRead(ranges, consistency);
		}

		@Override
		public CommitResult atomicWrite(AtomicWrite write) {
			return this.remote.atomicWrite(write);
		}

		@Override
		public QueueMessage nextQueueMessage(Duration timeout) throws InterruptedException {
			return this.remote.nextQueueMessage(timeout);
		}

		@Override
		public WatchStream watch(List<byte[]> keys) {
			return this.remote.watch(keys);
		}

		@Override
		public String backendName() {
			return this.remote.backendName();
		}

		@Override
		public void close() {
			try {
				this.remote.close();
			}
			finally {
				try {
					this.server.close();
				}
				finally {
					this.sqlite.close();
				}
			}
		}

	}

}
