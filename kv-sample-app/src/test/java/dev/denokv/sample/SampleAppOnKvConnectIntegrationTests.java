package dev.denokv.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.denokv.server.KvConnectServer;
import dev.denokv.server.KvConnectServerOptions;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same app on a remote database, by configuration alone: {@code deno.kv.url} points at this
 * project's KV Connect server on 127.0.0.1 (standing in for Deno Deploy or a self-hosted denokv).
 * Reads, atomic writes with checks and sums, cursors, and the watch behind the SSE stream all go
 * over KV Connect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleAppOnKvConnectIntegrationTests {

	private static final String TOKEN = "sample-remote-token-42";

	private static SqliteDatabaseHandler serverDatabase;

	private static KvConnectServer server;

	@DynamicPropertySource
	static void remoteDatabase(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("kv-remote-board");
		serverDatabase = SqliteDatabaseHandler.open(dir.resolve("server.sqlite3"));
		server = KvConnectServer.builder(serverDatabase, KvConnectServerOptions.builder(TOKEN).build())
			.host("127.0.0.1")
			.port(0)
			.start();
		registry.add("deno.kv.url", () -> server.url().toString());
		registry.add("deno.kv.access-token", () -> TOKEN);
	}

	@AfterAll
	static void stopServer() {
		server.close();
		serverDatabase.close();
	}

	@LocalServerPort
	int port;

	@Test
	void theBoardWorksOnARemoteDatabase() throws Exception {
		BoardScenario.run(new BoardHttp(this.port));
	}

	@Test
	void healthShowsTheKvConnectMetadata() throws Exception {
		JsonNode denokv = new BoardHttp(this.port).send("GET", "/actuator/health", null, 200).at("/components/denokv");
		assertThat(denokv.get("status").asString()).isEqualTo("UP");
		assertThat(denokv.at("/details/backend").asString()).isEqualTo("remote");
		assertThat(denokv.at("/details/url").asString()).isEqualTo(server.url() + "/");
		assertThat(denokv.at("/details/protocolVersion").asInt()).isEqualTo(3);
		assertThat(denokv.at("/details/tokenExpiresAt").asString()).isNotEmpty();
		assertThat(denokv.toString()).doesNotContain(TOKEN);
	}

}
