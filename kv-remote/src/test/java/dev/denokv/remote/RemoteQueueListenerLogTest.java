package dev.denokv.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.denokv.core.KvQueueListenerContainer;
import dev.denokv.core.KvQueueListenerOptions;
import dev.denokv.core.KvSubscription;
import dev.denokv.core.KvTemplate;
import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue listener on a remote database, which cannot deliver queue messages, says so in one
 * WARN line per start, without a stack trace: it is expected, not an error.
 */
class RemoteQueueListenerLogTest {

	private static final String TOKEN = "listener-log-token";

	@TempDir
	Path dir;

	private final Logger containerLogger = (Logger) LoggerFactory.getLogger(KvQueueListenerContainer.class);

	private final ListAppender<ILoggingEvent> events = new ListAppender<>();

	private SqliteDatabaseHandler sqlite;

	private KvConnectServer server;

	private KvTemplate kv;

	@BeforeEach
	void start() {
		this.events.start();
		this.containerLogger.addAppender(this.events);
		this.sqlite = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
		this.server = KvConnectServer.builder(this.sqlite, KvConnectServerOptions.builder(TOKEN).build())
			.host("127.0.0.1")
			.port(0)
			.start();
		this.kv = KvTemplate.builder(RemoteDatabaseHandler.create(this.server.url(), TOKEN, RemoteTestSupport.FAST))
			.build();
	}

	@AfterEach
	void stop() {
		this.containerLogger.detachAppender(this.events);
		this.kv.close();
		this.server.close();
		this.sqlite.close();
	}

	@Test
	void oneWarningWithoutStackTracePerListenerStart() throws Exception {
		KvQueueListenerOptions options = KvQueueListenerOptions.defaults().withPollTimeout(Duration.ofMillis(100));
		for (int start = 1; start <= 2; start++) {
			KvSubscription listener = this.kv.listenQueue(String.class, (message) -> {
			}, options);
			awaitInactive(listener);
			List<ILoggingEvent> logged = List.copyOf(this.events.list);
			assertThat(logged).as("start %d", start).hasSize(start);
			ILoggingEvent event = logged.get(start - 1);
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).startsWith("The remote backend cannot deliver queue messages")
				.contains("KV Connect does not support queues");
			assertThat(event.getThrowableProxy()).as("no stack trace").isNull();
		}
	}

	private static void awaitInactive(KvSubscription listener) throws InterruptedException {
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (listener.isActive() && System.nanoTime() < end) {
			Thread.sleep(10);
		}
		assertThat(listener.isActive()).as("the listener stopped").isFalse();
	}

}
