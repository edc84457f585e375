package dev.denokv.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.ReadRange;
import dev.denokv.model.RawValue;
import dev.denokv.protocol.ReadMapping;
import dev.denokv.protocol.WriteMapping;
import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** denokv's {@code --read-only}: reads are served, writes answer 400 "This database is read only.". */
class ReadOnlyServerTest {

	private static final byte[] KEY = { 2, 'k', 0 };

	@TempDir
	Path dir;

	@Test
	void readsAreServedAndWritesGet400WithDenokvsMessage() {
		Path file = this.dir.resolve("ro.sqlite3");
		try (SqliteDatabaseHandler writer = SqliteDatabaseHandler.open(file)) {
			writer.atomicWrite(AtomicWrite.of(List.of(Mutation.set(KEY, RawValue.bytes(new byte[] { 7 })))));
		}
		try (KvConnectTestServer server = KvConnectTestServer.start(SqliteOptions.file(file).withReadOnly(true),
				(options) -> options)) {
			KvConnectHttp http = server.http();
			HttpResponse<byte[]> read = http.send(http.dataPath("snapshot_read",
					ReadMapping.toSnapshotRead(List.of(ReadRange.single(KEY))).toByteArray()));
			assertThat(read.statusCode()).isEqualTo(200);
			byte[] write = WriteMapping.toProto(AtomicWrite.of(List.of(Mutation.delete(KEY)))).toByteArray();
			HttpResponse<byte[]> refused = http.send(http.dataPath("atomic_write", write));
			assertThat(refused.statusCode()).isEqualTo(400);
			assertThat(new String(refused.body())).isEqualTo("This database is read only.");
		}
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			assertThat(h.snapshotRead(List.of(ReadRange.single(KEY)), dev.denokv.handler.Consistency.STRONG).get(0)
				.entries()).as("the refused delete left the key").hasSize(1);
		}
	}

	@Test
	void theCommandLineTakesReadOnlyAsDenokvDoes() {
		String[] base = { "--sqlite-path", "x.sqlite3", "serve", "--access-token", "a-long-enough-token" };
		assertThat(ServeCommand.parse(base, Map.of()).readOnly()).isFalse();
		String[] readOnly = { "--sqlite-path", "x.sqlite3", "serve", "--access-token", "a-long-enough-token",
				"--read-only" };
		assertThat(ServeCommand.parse(readOnly, Map.of()).readOnly()).isTrue();
		assertThat(ServeCommand.USAGE).contains("--read-only");
	}

}
