package dev.denokv.remote;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.WatchStream;
import dev.denokv.model.KvU64;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.bytes;
import static dev.denokv.remote.RemoteTestSupport.get;
import static dev.denokv.remote.RemoteTestSupport.key;
import static dev.denokv.remote.RemoteTestSupport.set;
import static dev.denokv.remote.RemoteTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remote handler against this project's real KV Connect server on 127.0.0.1, backed by a real
 * SQLite file: what the client writes is exactly what the database holds, and the other way round.
 */
class RemoteEndToEndTest {

	private static final String TOKEN = "e2e-access-token-0123";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	Path dir;

	private SqliteDatabaseHandler sqlite;

	private KvConnectServer server;

	private RemoteDatabaseHandler remote;

	@BeforeEach
	void start() {
		this.sqlite = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
		this.server = startServer(0, KvConnectServerOptions.builder(TOKEN).pingInterval(Duration.ofMillis(200)).build());
		this.remote = RemoteDatabaseHandler.create(this.server.url(), TOKEN, FAST);
	}

	@AfterEach
	void stop() {
		this.remote.close();
		if (this.server != null) {
			this.server.close();
		}
		this.sqlite.close();
	}

	private KvConnectServer startServer(int port, KvConnectServerOptions options) {
		return KvConnectServer.builder(this.sqlite, options).host("127.0.0.1").port(port).start();
	}

	@Test
	void negotiatesVersion3WithTheServer() {
		RemoteMetadataState state = this.remote.refreshMetadata();
		assertThat(state.protocolVersion()).isEqualTo(3);
		assertThat(state.databaseId()).isEqualTo(new UUID(0, 0));
		assertThat(state.endpoints()).extracting((e) -> e.url().getPath()).containsExactly("/v2");
	}

	@Test
	void whatTheClientWritesIsWhatTheDatabaseHolds() {
		CommitResult.Committed committed = (CommitResult.Committed) this.remote.atomicWrite(set("a", "hello"));
		List<ReadRange> read = List.of(ReadRange.single(key("a")));
		RawEntry local = this.sqlite.snapshotRead(read, Consistency.STRONG).get(0).entries().get(0);
		RawEntry remote = this.remote.snapshotRead(read, Consistency.STRONG).get(0).entries().get(0);
		assertThat(remote).isEqualTo(local);
		assertThat(remote.versionstamp()).isEqualTo(committed.versionstamp());
		assertThat(text(this.remote.snapshotRead(read, Consistency.EVENTUAL).get(0).entries().get(0))).isEqualTo("hello");
	}

	@Test
	void checksSumsAndMutationErrors() {
		CommitResult.Committed first = (CommitResult.Committed) this.remote.atomicWrite(set("a", "1"));
		this.sqlite.atomicWrite(set("a", "2"));
		CommitResult stale = this.remote.atomicWrite(new AtomicWrite(
				List.of(new Check(key("a"), first.versionstamp()), new Check(key("b"), null)),
				List.of(Mutation.set(key("a"), bytes("3"))), List.of()));
		assertThat(stale).isEqualTo(new CommitResult.CheckFailed(List.of(0)));
		this.remote.atomicWrite(RemoteTestSupport.sum("n", 40));
		this.remote.atomicWrite(RemoteTestSupport.sum("n", 2));
		RawEntry n = this.sqlite.snapshotRead(List.of(ReadRange.single(key("n"))), Consistency.STRONG).get(0).entries().get(0);
		assertThat(KvU64.fromLittleEndian(n.value().data())).isEqualTo(KvU64.of(42));
		assertThatThrownBy(() -> this.remote.atomicWrite(RemoteTestSupport.sum("a", 1)))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
	}

	@Test
	void enqueuedMessagesReachTheServersQueue() throws Exception {
		byte[] payload = { (byte) 0xff, 0x0f, 0x22, 0x02, 'h', 'i' };
		assertThat(this.remote.atomicWrite(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(payload, 0, List.of(), null)))).ok()).isTrue();
		QueueMessage message = this.sqlite.nextQueueMessage(WAIT);
		assertThat(message).isNotNull();
		assertThat(message.payload()).isEqualTo(payload);
		message.finish(true);
	}

	@Test
	void watchSeesWritesMadeDirectlyInTheDatabase() throws Exception {
		try (WatchStream watch = this.remote.watch(List.of(key("w")))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			this.sqlite.atomicWrite(set("w", "from sqlite"));
			assertThat(awaitValue(watch, "from sqlite")).isTrue();
		}
	}

	@Test
	void watchReconnectsAfterAServerRestartAndMissesNoChange() throws Exception {
		int port = this.server.port();
		try (WatchStream watch = this.remote.watch(List.of(key("w")))) {
			assertThat(watch.poll(WAIT)).containsExactly((RawEntry) null);
			this.server.close();
			this.server = null;
			// Written while the server is down: the client cannot have seen it.
			this.sqlite.atomicWrite(set("w", "while down"));
			this.server = startServer(port, KvConnectServerOptions.builder(TOKEN).pingInterval(Duration.ofMillis(200)).build());
			assertThat(awaitValue(watch, "while down")).isTrue();
			this.sqlite.atomicWrite(set("w", "after restart"));
			assertThat(awaitValue(watch, "after restart")).isTrue();
		}
	}

	@Test
	void shortLivedTokensAreRenewedInTheBackground() {
		this.remote.close();
		this.server.close();
		this.server = startServer(0, KvConnectServerOptions.builder(TOKEN).tokenTtl(Duration.ofMillis(1500)).build());
		this.remote = RemoteDatabaseHandler.create(this.server.url(), TOKEN, FAST);
		this.remote.atomicWrite(set("a", "1"));
		java.time.Instant firstExpiry = this.remote.metadataState().tokenExpiresAt();
		long end = System.nanoTime() + WAIT.toNanos();
		while (!this.remote.metadataState().tokenExpiresAt().isAfter(firstExpiry.plusMillis(1500))
				&& System.nanoTime() < end) {
			RemoteRetryFaultTest.sleep(50);
		}
		assertThat(this.remote.metadataState().tokenExpiresAt()).isAfter(firstExpiry.plusMillis(1500));
		assertThat(get(this.remote, "a", Consistency.STRONG)).isEqualTo("1");
	}

	@Test
	void speaksHttp2OverTls() throws Exception {
		Path keystore = selfSignedKeystore();
		this.remote.close();
		this.server.close();
		this.server = KvConnectServer.builder(this.sqlite, KvConnectServerOptions.builder(TOKEN).build())
			.host("127.0.0.1")
			.port(0)
			.tls(keystore, "changeit", "PKCS12")
			.start();
		HttpClient client = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
		this.remote = RemoteDatabaseHandler.builder(this.server.url(), TOKEN).options(FAST).httpClient(client).build();
		this.remote.atomicWrite(set("tls", "yes"));
		assertThat(get(this.remote, "tls", Consistency.STRONG)).isEqualTo("yes");
		// The same client negotiates h2 by ALPN with this server.
		HttpResponse<Void> probe = client.send(HttpRequest.newBuilder(this.server.url())
			.POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[1,2,3]}"))
			.header("Authorization", "Bearer " + TOKEN)
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(probe.version()).isEqualTo(HttpClient.Version.HTTP_2);
	}

	private Path selfSignedKeystore() throws Exception {
		Path keystore = this.dir.resolve("server.p12");
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
				"-storepass", "changeit"));
		Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return keystore;
	}

	private static SSLContext trusting(Path keystore) throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keystore)) {
			trusted.load(in, "changeit".toCharArray());
		}
		KeyStore certificates = KeyStore.getInstance(KeyStore.getDefaultType());
		certificates.load(null, null);
		certificates.setCertificateEntry("server", trusted.getCertificate("server"));
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(certificates);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, tmf.getTrustManagers(), null);
		return context;
	}

	private static boolean awaitValue(WatchStream watch, String value) throws InterruptedException {
		long end = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < end) {
			List<RawEntry> snapshot = watch.poll(Duration.ofMillis(100));
			if (snapshot != null && value.equals(text(snapshot.get(0)))) {
				return true;
			}
		}
		return false;
	}

}
