package dev.denokv.server;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.model.RawValue;
import dev.denokv.protocol.WriteMapping;
import dev.denokv.server.testsupport.KvConnectHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone server accepts what denokv accepts: its SQLite handler's own checks must not
 * reject, with the Deno CLI's stricter limits, a request the server's denokv limits let through.
 */
class StandaloneServerLimitsTest {

	private static final byte[] PAYLOAD = { (byte) 0xff, 0x0f, 0x22, 0x01, 'x' };

	@TempDir
	Path dir;

	private KvServerMain.Running running;

	private KvConnectHttp http;

	@BeforeEach
	void start() {
		String[] args = { "--sqlite-path", this.dir.resolve("kv.sqlite3").toString(), "serve", "--access-token",
				KvConnectHttp.TOKEN, "--addr", "127.0.0.1:0" };
		this.running = KvServerMain.start(ServeCommand.parse(args, Map.of()),
				new PrintStream(new ByteArrayOutputStream()));
		this.http = new KvConnectHttp(this.running.server().url());
	}

	@AfterEach
	void stop() {
		this.running.close();
	}

	@Test
	void anEnqueueWithSixBackoffIntervalsIsAccepted() {
		// denokv allows 10 intervals, the Deno CLI 5.
		Enqueue enqueue = new Enqueue(PAYLOAD, System.currentTimeMillis(), List.of(), Collections.nCopies(6, 100));
		assertAccepted(new AtomicWrite(List.of(), List.of(), List.of(enqueue)));
		Enqueue eleven = new Enqueue(PAYLOAD, System.currentTimeMillis(), List.of(), Collections.nCopies(11, 100));
		HttpResponse<byte[]> refused = send(new AtomicWrite(List.of(), List.of(), List.of(eleven)));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(new String(refused.body())).isEqualTo("Too many backoff intervals for a single queue message.");
	}

	@Test
	void aCheckKeyOf2049BytesIsAccepted() {
		// denokv checks check keys as read keys (2049 bytes), the Deno CLI as write keys (2048).
		byte[] key = new byte[2049];
		Arrays.fill(key, (byte) 'k');
		key[0] = 2;
		key[key.length - 1] = 0;
		assertAccepted(new AtomicWrite(List.of(new Check(key, null)), List.of(), List.of()));
	}

	@Test
	void writesDenokvAcceptsAndDenoWouldNotAreAccepted() {
		// An empty mutation key (denokv does not look), and 41 value-carrying keys of 2000 bytes:
		// over the Deno CLI's 81920-byte key total, within denokv's 819200-byte total.
		assertAccepted(AtomicWrite.of(List.of(Mutation.set(new byte[0], RawValue.bytes(new byte[] { 1 })))));
		List<Mutation> mutations = new java.util.ArrayList<>();
		for (int i = 0; i < 41; i++) {
			byte[] key = new byte[2000];
			Arrays.fill(key, (byte) 'a');
			key[0] = 2;
			key[1] = (byte) ('a' + i);
			key[key.length - 1] = 0;
			mutations.add(Mutation.set(key, RawValue.bytes(new byte[] { 1 })));
		}
		assertAccepted(AtomicWrite.of(mutations));
		// A deadline a few hours past 30 days: the server allows a day of clock difference.
		long deadline = System.currentTimeMillis() + 30L * 24 * 3600 * 1000 + 3 * 3600 * 1000;
		assertAccepted(new AtomicWrite(List.of(), List.of(), List.of(new Enqueue(PAYLOAD, deadline, List.of(), null))));
	}

	private void assertAccepted(AtomicWrite write) {
		HttpResponse<byte[]> response = send(write);
		assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
	}

	private HttpResponse<byte[]> send(AtomicWrite write) {
		return this.http.send(this.http.dataPath("atomic_write", WriteMapping.toProto(write).toByteArray()));
	}

}
