package dev.denokv.server;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.SnapshotReadOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.QueueMessage;
import dev.denokv.handler.ReadRange;
import dev.denokv.model.RawValue;
import dev.denokv.protocol.ReadMapping;
import dev.denokv.protocol.WatchFrameReader;
import dev.denokv.protocol.WatchMapping;
import dev.denokv.protocol.WatchSnapshotDecoder;
import dev.denokv.protocol.WriteMapping;
import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.server.testsupport.KvConnectTestServer;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;

import static org.assertj.core.api.Assertions.assertThat;

/** The KV Connect server over real HTTP/1.1 on loopback: shapes, statuses and messages. */
class KvConnectServletTest {

	private static final byte[] KEY = { 2, 'k', 0 };

	@TempDir
	static java.nio.file.Path dir;

	private static KvConnectTestServer testServer;

	private static SqliteDatabaseHandler handler;

	private static KvConnectServer server;

	private static KvConnectHttp http;

	@BeforeAll
	static void start() {
		testServer = KvConnectTestServer.start(SqliteOptions.file(dir.resolve("kv.sqlite3")),
				(options) -> options.pingInterval(Duration.ofMillis(300)).maxRequestBytes(64 * 1024 * 4));
		handler = testServer.handler();
		server = testServer.server();
		http = testServer.http();
	}

	@AfterAll
	static void stop() {
		testServer.close();
	}

	private static String text(HttpResponse<byte[]> response) {
		return new String(response.body());
	}

	private static byte[] write(AtomicWrite write) {
		return WriteMapping.toProto(write).toByteArray();
	}

	@Test
	void metadataHasTheExactShapeStrictClientsAccept() {
		Instant before = Instant.now();
		HttpResponse<byte[]> response = http.send(http.metadata());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().allValues("content-type")).containsExactly("application/json");
		JsonNode json = JsonMapper.shared().readTree(response.body());
		assertThat(json.propertyNames()).containsExactly("version", "databaseId", "endpoints", "token", "expiresAt");
		assertThat(json.get("version").asInt()).isEqualTo(3);
		assertThat(json.get("databaseId").asString()).isEqualTo(KvConnectHttp.NIL_UUID);
		assertThat(json.get("endpoints").toString()).isEqualTo("[{\"url\":\"/v2\",\"consistency\":\"strong\"}]");
		assertThat(json.get("token").asString()).isEqualTo(KvConnectHttp.TOKEN);
		String expiresAt = json.get("expiresAt").asString();
		assertThat(expiresAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(Instant.parse(expiresAt)).isBetween(before.plus(Duration.ofHours(23)), before.plus(Duration.ofHours(25)));
	}

	@Test
	void metadataNegotiatesThreeElseTwo() {
		var v2 = http.send(http.metadata().POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[1,2]}")));
		assertThat(JsonMapper.shared().readTree(v2.body()).get("version").asInt()).isEqualTo(2);
		var v1 = http.send(http.metadata().POST(HttpRequest.BodyPublishers.ofString("{\"supportedVersions\":[1]}")));
		assertThat(v1.statusCode()).isEqualTo(400);
		assertThat(text(v1)).isEqualTo(MetadataExchange.NO_COMMON_VERSION);
		assertThat(v1.headers().firstValue("content-type")).hasValue("text/plain;charset=utf-8");
		for (String body : List.of("", "not json", "[1,2,3]")) {
			var bad = http.send(http.metadata().POST(HttpRequest.BodyPublishers.ofString(body)));
			assertThat(bad.statusCode()).isEqualTo(400);
			assertThat(text(bad)).isEqualTo(MetadataExchange.MINIMUM_VERSION);
		}
		var noType = http.send(http.post("/", "{\"supportedVersions\":[3]}".getBytes())
			.header("Authorization", "Bearer " + KvConnectHttp.TOKEN));
		assertThat(text(noType)).isEqualTo(MetadataExchange.MINIMUM_VERSION);
	}

	@Test
	void everyEndpointAnswers401AndTouchesNothingWithoutTheToken() {
		byte[] setKey = write(AtomicWrite.of(List.of(Mutation.set(KEY, RawValue.bytes(new byte[] { 1 })))));
		List<HttpRequest.Builder> requests = List.of(http.metadata(), http.dataPath("snapshot_read", new byte[0]),
				http.dataPath("atomic_write", setKey), http.dataPath("watch", new byte[0]));
		for (HttpRequest.Builder request : requests) {
			for (String auth : List.of("Bearer wrong-token-1234567", "Basic " + KvConnectHttp.TOKEN,
					"Bearer " + KvConnectHttp.TOKEN + "x", "Bearer")) {
				var response = http.send(request.copy().setHeader("Authorization", auth));
				assertThat(response.statusCode()).as(auth).isEqualTo(401);
				assertThat(text(response)).isIn(AccessTokenVerifier.INVALID, AccessTokenVerifier.MALFORMED);
			}
			var missing = http.send(request.copy().setHeader("Authorization", ""));
			assertThat(missing.statusCode()).isEqualTo(401);
			assertThat(text(missing)).isEqualTo(AccessTokenVerifier.MALFORMED);
		}
		assertThat(handler.snapshotRead(List.of(ReadRange.single(KEY)), dev.denokv.handler.Consistency.STRONG).get(0)
			.entries()).isEmpty();
	}

	@Test
	void dataPathHeadersAreChecked() {
		for (String version : List.of("1", "4", "")) {
			var response = http.send(http.dataPath("snapshot_read", new byte[0]).setHeader("x-denokv-version", version));
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(text(response)).isEqualTo(DataPathGuard.WRONG_VERSION);
		}
		for (String id : List.of("00000000-0000-0000-0000-000000000001", "nope", "")) {
			var response = http.send(http.dataPath("snapshot_read", new byte[0]).setHeader("x-denokv-database-id", id));
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(text(response)).isEqualTo(DataPathGuard.WRONG_DATABASE);
		}
		var v2 = http.send(http.dataPath("snapshot_read", new byte[0]).setHeader("x-denokv-version", "2"));
		assertThat(v2.statusCode()).isEqualTo(200);
	}

	@Test
	void malformedOversizeAndOverLimitRequestsGet400() {
		var garbage = http.send(http.dataPath("atomic_write", new byte[] { (byte) 0xff, (byte) 0xff }));
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(text(garbage)).startsWith("Request protobuf is invalid: ").endsWith(".");
		var huge = http.send(http.dataPath("atomic_write", new byte[64 * 1024 * 4 + 1]));
		assertThat(huge.statusCode()).isEqualTo(400);
		assertThat(text(huge)).contains("larger than the limit");
		var ranges = new java.util.ArrayList<ReadRange>();
		for (int i = 0; i < 11; i++) {
			ranges.add(ReadRange.single(KEY));
		}
		var tooMany = http.send(http.dataPath("snapshot_read", ReadMapping.toSnapshotRead(ranges).toByteArray()));
		assertThat(text(tooMany)).isEqualTo("Too many read ranges requested in one read request.");
		var bigValue = http.send(http.dataPath("atomic_write",
				write(AtomicWrite.of(List.of(Mutation.set(KEY, RawValue.bytes(new byte[65537])))))));
		assertThat(text(bigValue)).isEqualTo("A value exceeds the value size limit.");
		var unknownType = http.send(http.dataPath("atomic_write", com.deno.kv.datapath.AtomicWrite.newBuilder()
			.addMutations(com.deno.kv.datapath.Mutation.newBuilder().setMutationTypeValue(6))
			.build()
			.toByteArray()));
		assertThat(text(unknownType)).isEqualTo("Invalid mutation kind or arguments.");
	}

	@Test
	void readsWritesChecksAndMutationErrors() throws Exception {
		byte[] key = { 2, 'r', 'w', 0 };
		var set = http.send(http.dataPath("atomic_write",
				write(AtomicWrite.of(List.of(Mutation.set(key, RawValue.v8(new byte[] { (byte) 0xff, 0x0f, 0x30 })))))));
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(set.headers().firstValue("content-type")).hasValue("application/x-protobuf");
		AtomicWriteOutput committed = AtomicWriteOutput.parseFrom(set.body());
		assertThat(committed.getStatus()).isEqualTo(AtomicWriteStatus.AW_SUCCESS);
		var read = http.send(http.dataPath("snapshot_read",
				ReadMapping.toSnapshotRead(List.of(ReadRange.single(key))).toByteArray()));
		SnapshotReadOutput output = SnapshotReadOutput.parseFrom(read.body());
		assertThat(output.getReadIsStronglyConsistent()).isTrue();
		assertThat(output.getRanges(0).getValues(0).getVersionstamp()).isEqualTo(committed.getVersionstamp());
		var failing = http.send(http.dataPath("atomic_write", write(new AtomicWrite(
				List.of(new Check(new byte[] { 2, 'x', 0 }, null), new Check(key, null)),
				List.of(Mutation.set(key, RawValue.bytes(new byte[0]))), List.of()))));
		AtomicWriteOutput checkFailed = AtomicWriteOutput.parseFrom(failing.body());
		assertThat(checkFailed.getStatus()).isEqualTo(AtomicWriteStatus.AW_CHECK_FAILURE);
		assertThat(checkFailed.getFailedChecksList()).containsExactly(1);
		var sumOnV8 = http.send(http.dataPath("atomic_write", write(AtomicWrite.of(List.of(new Mutation(key,
				dev.denokv.handler.MutationType.SUM, RawValue.u64(dev.denokv.model.KvU64.of(1)), 0))))));
		assertThat(sumOnV8.statusCode()).isEqualTo(400);
		assertThat(text(sumOnV8)).isEqualTo("Failed to perform 'sum' mutation on a non-U64 value in the database");
	}

	@Test
	void enqueuesAreStoredAndReachQueueConsumers() throws Exception {
		byte[] payload = { (byte) 0xff, 0x0f, 0x22, 0x02, 'h', 'i' };
		var response = http.send(http.dataPath("atomic_write", write(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(payload, System.currentTimeMillis(), List.of(), List.of(100)))))));
		assertThat(response.statusCode()).isEqualTo(200);
		QueueMessage message = handler.nextQueueMessage(Duration.ofSeconds(10));
		assertThat(message).isNotNull();
		assertThat(message.payload()).isEqualTo(payload);
		message.finish(true);
	}

	@Test
	void watchStreamsPingsAndSnapshots() throws Exception {
		byte[] key = { 2, 'w', 0 };
		HttpResponse<InputStream> response = http.client()
			.send(http.dataPath("watch", WatchMapping.toWatch(List.of(key)).toByteArray()).build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValue("application/octet-stream");
		try (InputStream body = response.body()) {
			WatchFrameReader reader = new WatchFrameReader(body);
			WatchSnapshotDecoder decoder = new WatchSnapshotDecoder(1);
			assertThat(reader.next().isPing()).isTrue();
			assertThat(decoder.apply(nextData(reader))).containsExactly((dev.denokv.handler.RawEntry) null);
			handler.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key, RawValue.bytes(new byte[] { 9 })))));
			assertThat(decoder.apply(nextData(reader)).get(0).value()).isEqualTo(RawValue.bytes(new byte[] { 9 }));
			int pings = 0;
			for (int i = 0; i < 3; i++) {
				pings += reader.next().isPing() ? 1 : 0;
			}
			assertThat(pings).as("keep-alive pings while nothing changes").isEqualTo(3);
		}
	}

	private static com.deno.kv.datapath.WatchOutput nextData(WatchFrameReader reader) throws Exception {
		for (int i = 0; i < 50; i++) {
			WatchFrameReader.Frame frame = reader.next();
			if (!frame.isPing()) {
				return frame.output();
			}
		}
		throw new AssertionError("no data frame");
	}

	@Test
	void unknownPathsAndMethods() throws Exception {
		var notFound = http.send(http.post("/v3/snapshot_read", new byte[0]));
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(text(notFound)).isEqualTo("Resource not found.");
		var get = http.client().send(HttpRequest.newBuilder(URI.create(server.url() + "/v2/snapshot_read")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(405);
	}

	@Test
	void servesBelowAPathPrefix() {
		try (KvConnectServer prefixed = KvConnectServer.builder(handler, KvConnectServerOptions.builder(KvConnectHttp.TOKEN)
			.build()).host("127.0.0.1").port(0).pathPrefix("/kv/").start()) {
			KvConnectHttp client = new KvConnectHttp(prefixed.url());
			assertThat(prefixed.url().getPath()).isEqualTo("/kv");
			var metadata = client.send(client.metadata());
			assertThat(JsonMapper.shared().readTree(metadata.body()).get("endpoints").get(0).get("url").asString())
				.isEqualTo("/kv/v2");
			var bare = client.send(new KvConnectHttp(URI.create(prefixed.url() + "/")).metadata());
			assertThat(bare.statusCode()).isEqualTo(200);
			assertThat(client.send(client.dataPath("snapshot_read", new byte[0])).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void closingAServerTwiceIsHarmless() {
		KvConnectServer other = KvConnectServer.builder(handler, KvConnectServerOptions.builder(KvConnectHttp.TOKEN)
			.build()).host("127.0.0.1").port(0).start();
		KvConnectHttp client = new KvConnectHttp(other.url());
		assertThat(client.send(client.metadata()).statusCode()).isEqualTo(200);
		other.close();
		other.close();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(client.metadata()))
			.as("no longer listening")
			.isInstanceOf(java.io.UncheckedIOException.class);
		assertThat(http.send(http.metadata()).statusCode()).as("the handler stays open").isEqualTo(200);
	}

	@Test
	void optionsRejectShortTokensWithDenoKvMessage() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> KvConnectServerOptions.builder("short").build())
			.hasMessage("Access token must be at minimum 12 chars long.");
		assertThat(KvConnectServerOptions.builder(KvConnectHttp.TOKEN).build().toString()).doesNotContain(KvConnectHttp.TOKEN);
	}

}
