package dev.denokv.autoconfigure.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.deno.kv.datapath.ReadRangeOutput;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.denokv.handler.Consistency;
import dev.denokv.protocol.DatabaseMetadata;
import dev.denokv.protocol.MetadataJson;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteMetadataState;
import dev.denokv.remote.RemoteOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A health check that times out while its probe runs the (slow) metadata exchange: the probe is
 * abandoned, not interrupted, so the exchange other callers wait on completes, and no
 * interruption is reported as the database's last error. Against a loopback KV Connect stub whose
 * metadata endpoint answers late.
 */
class DenoKvHealthIndicatorTimeoutTests {

	/** How late the metadata endpoint answers; far beyond the indicator's timeout. */
	private static final long METADATA_DELAY_MILLIS = 800;

	private final AtomicInteger metadataRequests = new AtomicInteger();

	private final ExecutorService threads = Executors.newCachedThreadPool((r) -> {
		Thread t = new Thread(r, "health-timeout-test");
		t.setDaemon(true);
		return t;
	});

	private HttpServer server;

	private RemoteDatabaseHandler handler;

	private DenoKvHealthIndicator indicator;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.threads);
		this.server.createContext("/kvdb", this::metadata);
		this.server.createContext("/data/snapshot_read", this::snapshotRead);
		this.server.start();
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/kvdb");
		this.handler = RemoteDatabaseHandler.create(url, "health-access-token-123",
				RemoteOptions.defaults().withBackgroundRefresh(false).withRequestTimeout(Duration.ofSeconds(5)));
		this.indicator = new DenoKvHealthIndicator(this.handler, new RemoteHealthDetails(), Duration.ofMillis(150));
	}

	@AfterEach
	void stop() {
		this.indicator.destroy();
		this.handler.close();
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	@Test
	void aTimedOutProbeDoesNotAbortTheMetadataExchangeOthersWaitFor() throws Exception {
		assertThat(this.indicator.health().getDetails()).containsEntry("error", "No answer within PT0.15S");
		// The probe is still in the exchange; this caller (the scheduled refresher) waits for it.
		Future<Boolean> other = this.threads.submit(this.handler::refreshIfDue);
		assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.metadataRequests).hasValue(1);
		assertThat(this.handler.metadataState().lastError()).isNull();
	}

	@Test
	void aTimedOutProbeLeavesNoInterruptionAsTheLastError() throws Exception {
		Health abandoned = this.indicator.health();
		assertThat(abandoned.getStatus()).isEqualTo(Status.DOWN);
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.handler.metadataState().status() == RemoteMetadataState.Status.NOT_CONNECTED
				&& System.nanoTime() < end) {
			Thread.sleep(20);
		}
		RemoteMetadataState state = this.handler.metadataState();
		assertThat(state.lastError()).isNull();
		assertThat(state.status()).isEqualTo(RemoteMetadataState.Status.CONNECTED);
		Health next = this.indicator.health();
		assertThat(next.getStatus()).isEqualTo(Status.UP);
		assertThat(next.getDetails()).containsEntry("status", "CONNECTED").doesNotContainKey("lastError");
		assertThat(this.metadataRequests).hasValue(1);
	}

	private void metadata(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			this.metadataRequests.incrementAndGet();
			Thread.sleep(METADATA_DELAY_MILLIS);
			String json = MetadataJson.write(new DatabaseMetadata(3, UUID.fromString("00000000-0000-4000-8000-000000000007"),
					List.of(new DatabaseMetadata.Endpoint("/data", Consistency.STRONG)), "data-token",
					Instant.now().plus(Duration.ofHours(1))));
			send(exchange, MetadataJson.CONTENT_TYPE, json.getBytes(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Every read finds nothing: one empty range, as the probe reads one key. */
	private void snapshotRead(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			byte[] body = SnapshotReadOutput.newBuilder()
				.addRanges(ReadRangeOutput.getDefaultInstance())
				.setReadIsStronglyConsistent(true)
				.setStatus(SnapshotReadStatus.SR_SUCCESS)
				.build()
				.toByteArray();
			send(exchange, "application/x-protobuf", body);
		}
	}

	private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
	}

}
