package dev.denokv.remote;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;
import dev.denokv.model.Versionstamp;
import dev.denokv.protocol.DatabaseMetadata;

import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.bytes;
import static dev.denokv.remote.RemoteTestSupport.get;
import static dev.denokv.remote.RemoteTestSupport.key;
import static dev.denokv.remote.RemoteTestSupport.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data path against a loopback KV Connect server, without faults. */
class RemoteDatabaseHandlerTest extends FaultServerTestBase {

	@Test
	void metadataRequestIsWhatDenoSends() {
		open(FAST).refreshMetadata();
		FaultServer.Recorded request = this.server.requests("metadata").get(0);
		// vectors/metadata-request.txt
		assertThat(request.path()).isEqualTo("/kvdb");
		assertThat(request.headers()).containsEntry("authorization", "Bearer test-access-token-123")
			.containsEntry("content-type", "application/json");
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"supportedVersions\":[1,2,3]}");
	}

	@Test
	void writesThenReadsBack() {
		open(FAST);
		CommitResult result = this.handler.atomicWrite(set("a", "hello"));
		assertThat(result).isInstanceOf(CommitResult.Committed.class);
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("hello");
		assertThat(get(this.handler, "missing", Consistency.EVENTUAL)).isNull();
		assertThat(this.server.requests("metadata")).hasSize(1);
	}

	@Test
	void readsSeveralRangesInOrder() {
		open(FAST);
		for (String k : List.of("a", "b", "c", "d")) {
			this.handler.atomicWrite(set(k, k.toUpperCase()));
		}
		List<ReadRangeOutput> out = this.handler.snapshotRead(List.of(new ReadRange(key("a"), key("d"), 10, true),
				new ReadRange(key("a"), key("z"), 2, false)), Consistency.STRONG);
		assertThat(out.get(0).entries()).extracting(RemoteTestSupport::text).containsExactly("C", "B", "A");
		assertThat(out.get(1).entries()).extracting(RemoteTestSupport::text).containsExactly("A", "B");
	}

	@Test
	void failedCheckIsAResultNotAnError() {
		open(FAST);
		Versionstamp first = ((CommitResult.Committed) this.handler.atomicWrite(set("a", "1"))).versionstamp();
		this.handler.atomicWrite(set("a", "2"));
		CommitResult result = this.handler.atomicWrite(new AtomicWrite(List.of(new Check(key("a"), first)),
				List.of(Mutation.set(key("a"), bytes("3"))), List.of()));
		assertThat(result).isEqualTo(new CommitResult.CheckFailed(List.of(0)));
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("2");
	}

	@Test
	void mutationErrorsKeepTheServersMessage() {
		open(FAST);
		this.handler.atomicWrite(set("a", "not a number"));
		assertThatThrownBy(() -> this.handler.atomicWrite(RemoteTestSupport.sum("a", 1)))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
		assertThat(this.server.requests("atomic_write")).hasSize(2);
	}

	@Test
	void enqueuesAreSent() {
		open(FAST);
		CommitResult result = this.handler.atomicWrite(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(new byte[] { (byte) 0xff, 0x0f, 0x30 }, 0, List.of(), null))));
		assertThat(result.ok()).isTrue();
		com.deno.kv.datapath.AtomicWrite sent = parseWrite(this.server.requests("atomic_write").get(0).body());
		assertThat(sent.getEnqueuesCount()).isEqualTo(1);
	}

	@Test
	void queueDeliveryIsNotPartOfKvConnect() {
		open(FAST);
		assertThatThrownBy(() -> this.handler.nextQueueMessage(java.time.Duration.ofMillis(10)))
			.isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("KV Connect does not support queues");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void sendsEachVersionsHeaders(int version) {
		this.server.protocolVersion = version;
		if (version == 1) {
			// Version 1 endpoints must be absolute.
			this.server.endpoints = List.of(new DatabaseMetadata.Endpoint(
					"http://127.0.0.1:" + this.server.url().getPort() + "/data", Consistency.STRONG));
		}
		open(FAST).atomicWrite(set("a", "x"));
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("x");
		FaultServer.Recorded write = this.server.requests("atomic_write").get(0);
		assertThat(write.path()).isEqualTo("/data/atomic_write");
		assertThat(write.headers()).containsKey("authorization").containsEntry("content-type", "application/x-protobuf");
		if (version == 1) {
			assertThat(write.headers()).containsEntry("x-transaction-domain-id", FaultServer.DATABASE_ID.toString())
				.doesNotContainKeys("x-denokv-version", "x-denokv-database-id");
		}
		else {
			assertThat(write.headers()).containsEntry("x-denokv-version", Integer.toString(version))
				.containsEntry("x-denokv-database-id", FaultServer.DATABASE_ID.toString())
				.doesNotContainKey("x-transaction-domain-id");
		}
		assertThat(this.handler.metadataState().protocolVersion()).isEqualTo(version);
	}

	@Test
	void eventualReadsMayUseTheEventualEndpoint() {
		this.server.endpoints = List.of(new DatabaseMetadata.Endpoint("/eventual", Consistency.EVENTUAL),
				new DatabaseMetadata.Endpoint("/data", Consistency.STRONG));
		open(FAST).atomicWrite(set("a", "x"));
		get(this.handler, "a", Consistency.EVENTUAL);
		get(this.handler, "a", Consistency.STRONG);
		assertThat(this.server.requests("atomic_write")).extracting(FaultServer.Recorded::path)
			.containsExactly("/data/atomic_write");
		assertThat(this.server.requests("snapshot_read")).extracting(FaultServer.Recorded::path)
			.containsExactly("/eventual/snapshot_read", "/data/snapshot_read");
	}

	@Test
	void metadataStateNeverShowsTheToken() {
		open(FAST);
		assertThat(this.handler.metadataState().status()).isEqualTo(RemoteMetadataState.Status.NOT_CONNECTED);
		RemoteMetadataState state = this.handler.refreshMetadata();
		assertThat(state.status()).isEqualTo(RemoteMetadataState.Status.CONNECTED);
		assertThat(state.protocolVersion()).isEqualTo(3);
		assertThat(state.databaseId()).isEqualTo(FaultServer.DATABASE_ID);
		assertThat(state.endpoints()).containsExactly(new RemoteEndpoint(
				java.net.URI.create("http://127.0.0.1:" + this.server.url().getPort() + "/data"), Consistency.STRONG));
		assertThat(state.tokenExpiresAt()).isAfter(java.time.Instant.now());
		assertThat(state.toString() + state.toDetails()).doesNotContain("data-token").doesNotContain(FaultServer.ACCESS_TOKEN);
	}

	@Test
	void closedHandlerRejectsCalls() {
		open(FAST).close();
		assertThatThrownBy(() -> get(this.handler, "a", Consistency.STRONG)).isInstanceOf(KvClosedException.class);
		this.handler.close();
	}

	private static com.deno.kv.datapath.AtomicWrite parseWrite(byte[] body) {
		try {
			return com.deno.kv.datapath.AtomicWrite.parseFrom(body);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

}
