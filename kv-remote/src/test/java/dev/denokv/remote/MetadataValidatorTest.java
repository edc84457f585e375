package dev.denokv.remote;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.denokv.handler.Consistency;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoint resolution and joining, as denokv's client does them (kv-format.md §1.3, §1.4). */
class MetadataValidatorTest {

	@ParameterizedTest
	@CsvSource({
		// metadata URL, version, endpoint URL, snapshot_read URL
		"http://127.0.0.1:4512, 3, /v2, http://127.0.0.1:4512/v2/snapshot_read",
		"http://127.0.0.1:4512/, 2, /v2, http://127.0.0.1:4512/v2/snapshot_read",
		"http://127.0.0.1:4512/kvdb, 3, /data, http://127.0.0.1:4512/data/snapshot_read",
		"http://127.0.0.1:4512/db/connect, 3, data, http://127.0.0.1:4512/db/data/snapshot_read",
		"https://api.deno.com/databases/x/connect, 3, https://dc.deno.dev/db, https://dc.deno.dev/db/snapshot_read",
		// An endpoint without a path gets '/', so upstream's join yields a double slash.
		"https://api.deno.com/connect, 3, http://data.example, http://data.example//snapshot_read",
		"https://api.deno.com/connect, 1, https://data.example/db, https://data.example/db/snapshot_read",
	})
	void resolvesAndJoinsEndpoints(String metadataUrl, int version, String endpoint, String expected) {
		String json = "{\"version\":" + version + ",\"databaseId\":\"00000000-0000-0000-0000-000000000000\","
				+ "\"endpoints\":[{\"url\":\"" + endpoint + "\",\"consistency\":\"strong\"}],"
				+ "\"token\":\"t\",\"expiresAt\":\"2099-01-01T00:00:00.000Z\"}";
		ResolvedMetadata md = MetadataValidator.validate(URI.create(metadataUrl), json, Instant.now());
		assertThat(md.endpointFor(Consistency.STRONG).orElseThrow().methodUrl("snapshot_read"))
			.hasToString(expected);
	}

	@Test
	void acceptsTheRecordedDenoExchangeAndIgnoresUnknownFields() {
		String json = "{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":"
				+ "[{\"url\":\"/data\",\"consistency\":\"strong\",\"extra\":1}],\"token\":\"data-path-token-456\","
				+ "\"expiresAt\":\"2026-11-22T03:49:11.360Z\",\"region\":\"x\"}";
		ResolvedMetadata md = MetadataValidator.validate(URI.create("http://127.0.0.1:9/kvdb"), json, Instant.now());
		assertThat(md.version()).isEqualTo(3);
		assertThat(md.expiresAt()).isEqualTo(Instant.parse("2026-11-22T03:49:11.360Z"));
		assertThat(DataPath.headers(md)).containsEntry("x-denokv-database-id", "00000000-0000-4000-8000-000000000001")
			.containsEntry("x-denokv-version", "3")
			.containsEntry("Authorization", "Bearer data-path-token-456");
		assertThat(md.toString()).doesNotContain("data-path-token-456");
	}

	@Test
	void eventualReadsFallBackToTheStrongEndpoint() {
		String json = "{\"version\":3,\"databaseId\":\"00000000-0000-0000-0000-000000000000\",\"endpoints\":"
				+ "[{\"url\":\"/s\",\"consistency\":\"strong\"}],\"token\":\"t\",\"expiresAt\":\"2099-01-01T00:00:00+02:00\"}";
		ResolvedMetadata md = MetadataValidator.validate(URI.create("http://h/"), json, Instant.now());
		assertThat(md.endpointFor(Consistency.EVENTUAL).orElseThrow().url()).hasToString("http://h/s");
		assertThat(md.expiresAt()).isEqualTo(Instant.parse("2098-12-31T22:00:00Z"));
	}

}
