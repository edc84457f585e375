package dev.denokv.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.protocol.WatchMapping;
import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KvConnectServer#close()} with watches open, over raw HTTP/1.1 sockets on loopback (so that
 * a client can stop reading): it ends them first, and leaves no watch thread behind.
 */
class KvConnectServerCloseTest {

	@TempDir
	Path dir;

	@Test
	void closeEndsAnIdleWatchWithoutWaitingForIt() throws Exception {
		KvConnectTestServer server = KvConnectTestServer.start(SqliteOptions.file(this.dir.resolve("idle.sqlite3")),
				(options) -> options);
		try (Socket watch = openWatch(server.server().port(), new byte[] { 2, 'i', 0 })) {
			assertThat(statusLine(watch)).isEqualTo("HTTP/1.1 200 ");
			// Tomcat waits up to its unload delay (2 s) for requests still running, and a watch never
			// ends by itself; close() ends it first (no timing is asserted on a shared CI machine).
			server.server().close();
			assertThat(readToEnd(watch.getInputStream())).as("the client sees the stream end").isTrue();
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (watchThreads() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(watchThreads()).as("watch threads left after close").isZero();
		}
		finally {
			server.close();
		}
	}

	@Test
	void aRequestSizeLimitOfIntegerMaxValueStillReadsBodies() {
		try (KvConnectTestServer server = KvConnectTestServer.start(SqliteOptions.file(this.dir.resolve("max.sqlite3")),
				(options) -> options.maxRequestBytes(Integer.MAX_VALUE))) {
			// maxBytes + 1 overflowed into a negative length: every request got 400 "len < 0".
			assertThat(server.http().send(server.http().metadata()).statusCode()).isEqualTo(200);
			assertThat(server.http().send(server.http().dataPath("snapshot_read", new byte[0])).statusCode())
				.isEqualTo(200);
		}
	}

	private static Socket openWatch(int port, byte[] key) throws Exception {
		byte[] body = WatchMapping.toWatch(List.of(key)).toByteArray();
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		String head = "POST /v2/watch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KvConnectHttp.TOKEN
				+ "\r\nx-denokv-version: 3\r\nx-denokv-database-id: " + KvConnectHttp.NIL_UUID
				+ "\r\nContent-Length: " + body.length + "\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
		return socket;
	}

	/** The status line, after reading the response head. */
	private static String statusLine(Socket socket) throws Exception {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int c = in.read();
			if (c < 0) {
				break;
			}
			head.append((char) c);
		}
		return head.toString().split("\r\n")[0];
	}

	/** Whether the stream ends (EOF or a reset) within the socket's read timeout. */
	private static boolean readToEnd(InputStream in) {
		byte[] buffer = new byte[4096];
		try {
			while (in.read(buffer) >= 0) {
				// Frames and pings until the end.
			}
			return true;
		}
		catch (java.net.SocketTimeoutException ex) {
			return false;
		}
		catch (java.io.IOException ex) {
			return true;
		}
	}

	private static long watchThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((t) -> t.getName().startsWith("kv-connect-watch"))
			.count();
	}

}
