package dev.denokv.autoconfigure.remote;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.remote.RemoteDatabaseHandler;
import dev.denokv.remote.RemoteOptions;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the scheduled refresher exchanges the metadata: once the handler's planned time has come,
 * and after a failure not again until one interval later. Against loopback servers.
 */
class DenoKvMetadataRefresherTests {

	private static final String TOKEN = "refresher-test-token-0123";

	private final SqliteDatabaseHandler database = SqliteDatabaseHandler.openInMemory();

	private KvConnectServer server;

	private HttpServer failing;

	private RemoteDatabaseHandler handler;

	@AfterEach
	void stop() {
		if (this.handler != null) {
			this.handler.close();
		}
		if (this.server != null) {
			this.server.close();
		}
		if (this.failing != null) {
			this.failing.stop(0);
		}
		this.database.close();
	}

	@Test
	void exchangesOnceThePlannedTimeHasCome() {
		this.server = KvConnectServer
			.builder(this.database, KvConnectServerOptions.builder(TOKEN).tokenTtl(Duration.ofHours(1)).build())
			.host("127.0.0.1")
			.port(0)
			.start();
		this.handler = RemoteDatabaseHandler.create(this.server.url(), TOKEN,
				RemoteOptions.defaults().withBackgroundRefresh(false));
		MutableClock clock = new MutableClock(Instant.now());
		DenoKvMetadataRefresher refresher = refresher(Duration.ofMinutes(10), clock);
		refresher.refreshIfDue(); // nothing held yet: exchanges
		Instant first = this.handler.metadataState().fetchedAt();
		assertThat(first).isNotNull();
		Instant planned = this.handler.metadataState().nextRefreshAt();
		clock.now = planned.minusSeconds(1);
		refresher.refreshIfDue();
		assertThat(this.handler.metadataState().fetchedAt()).as("not yet").isEqualTo(first);
		clock.now = planned;
		refresher.refreshIfDue();
		assertThat(this.handler.metadataState().fetchedAt()).as("planned time reached").isAfter(first);
	}

	@Test
	void afterAFailedExchangeTheNextTryWaitsOneInterval() throws Exception {
		AtomicInteger exchanges = new AtomicInteger();
		this.failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.failing.createContext("/", (exchange) -> {
			exchanges.incrementAndGet();
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		this.failing.start();
		RemoteOptions.Retry oneTry = new RemoteOptions.Retry(Duration.ofMillis(10), 2.0, Duration.ofMillis(10),
				Duration.ZERO, Duration.ofMillis(300));
		this.handler = RemoteDatabaseHandler.create(
				URI.create("http://127.0.0.1:" + this.failing.getAddress().getPort() + "/"), TOKEN,
				RemoteOptions.defaults().withBackgroundRefresh(false).withRetry(oneTry));
		MutableClock clock = new MutableClock(Instant.now());
		DenoKvMetadataRefresher refresher = refresher(Duration.ofSeconds(30), clock);
		refresher.refreshIfDue();
		int afterFirst = exchanges.get();
		assertThat(afterFirst).isPositive();
		assertThat(this.handler.metadataState().lastError()).isNotNull();
		clock.now = clock.now.plusSeconds(29);
		refresher.refreshIfDue();
		assertThat(exchanges.get()).as("within the interval").isEqualTo(afterFirst);
		clock.now = clock.now.plusSeconds(1);
		refresher.refreshIfDue();
		assertThat(exchanges.get()).as("one interval later").isGreaterThan(afterFirst);
	}

	private DenoKvMetadataRefresher refresher(Duration interval, Clock clock) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("denoKvDatabaseHandler", this.handler));
		return new DenoKvMetadataRefresher(beans.getBeanProvider(DatabaseHandler.class), interval, clock);
	}

	/** A clock the test moves. */
	private static final class MutableClock extends Clock {

		volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
