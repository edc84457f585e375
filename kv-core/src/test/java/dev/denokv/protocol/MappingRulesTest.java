package dev.denokv.protocol;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.deno.kv.datapath.Check;
import com.deno.kv.datapath.Enqueue;
import com.deno.kv.datapath.KvValue;
import com.deno.kv.datapath.Mutation;
import com.deno.kv.datapath.MutationType;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.deno.kv.datapath.ValueEncoding;
import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.SumBounds;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The structural rules of the mapping, with denokv's messages. */
class MappingRulesTest {

	private static final ByteString KEY = ByteString.copyFrom(new byte[] { 2, 'a', 0 });

	private static com.deno.kv.datapath.AtomicWrite write(Mutation.Builder m) {
		return com.deno.kv.datapath.AtomicWrite.newBuilder().addMutations(m.setKey(KEY)).build();
	}

	private static KvValue value(ValueEncoding encoding, int length) {
		return KvValue.newBuilder().setEncoding(encoding).setData(ByteString.copyFrom(new byte[length])).build();
	}

	@Test
	void specExamplesEncodeAsDocumented() {
		// kv-format.md §2.4
		assertThat(ReadMapping.toSnapshotRead(List.of(ReadRange.single(new byte[] { 2, 'a', 0 }))).toByteArray())
			.isEqualTo(hex("0a0d0a030261001204026100001801"));
		AtomicWrite sum = AtomicWrite.of(List.of(new dev.denokv.handler.Mutation(new byte[] { 2, 'a', 0 },
				dev.denokv.handler.MutationType.SUM, RawValue.u64(KvU64.of(1)), 0)));
		assertThat(WriteMapping.toProto(sum).toByteArray()).isEqualTo(hex("12150a03026100120c0a080100000000000000100218" + "03"));
		assertThat(WriteMapping.toProto(new CommitResult.Committed(Versionstamp.ofVersion(5))).toByteArray())
			.isEqualTo(hex("0801120a00000000000000050000"));
	}

	@Test
	void mutationRules() {
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationTypeValue(0))))
			.isInstanceOf(KvConnectProtocolException.class).hasMessage("Invalid mutation kind or arguments.");
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationTypeValue(7)
			.setValue(value(ValueEncoding.VE_V8, 3))))).hasMessage("Invalid mutation kind or arguments.");
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SET))))
			.hasMessage("Invalid mutation kind or arguments.");
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SET)
			.setValue(value(ValueEncoding.VE_UNSPECIFIED, 1))))).hasMessage("The value encoding 0 is unknown.");
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SUM)
			.setValue(value(ValueEncoding.VE_LE64, 7))))).hasMessage("Invalid mutation kind or arguments.");
		assertThatThrownBy(() -> WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SET)
			.setValue(value(ValueEncoding.VE_V8, 1)).setExpireAtMs(-2)))).hasMessage("Invalid mutation expire at.");
		// A delete ignores its value (denokv_remote sends an empty one, @deno/kv none); -1 means no expiry.
		AtomicWrite w = WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_DELETE)
			.setValue(value(ValueEncoding.VE_V8, 4)).setExpireAtMs(-1)));
		assertThat(w.mutations().get(0).value()).isNull();
		assertThat(w.mutations().get(0).expireAtMs()).isZero();
	}

	@Test
	void sumBoundsTravelWithSumsOnly() {
		byte[] min = { (byte) 0xff, 0x0f, 'I', 0x02 };
		byte[] max = { (byte) 0xff, 0x0f, 'I', 0x14 };
		dev.denokv.handler.Mutation sum = dev.denokv.handler.Mutation.sum(KEY.toByteArray(),
				RawValue.v8(new byte[] { (byte) 0xff, 0x0f, 'I', 0x02 }), new SumBounds(RawValue.v8(min), RawValue.v8(max), true));
		var request = WriteMapping.toProto(AtomicWrite.of(List.of(sum)));
		assertThat(request.getMutations(0).getSumMin().toByteArray()).isEqualTo(min);
		assertThat(request.getMutations(0).getSumMax().toByteArray()).isEqualTo(max);
		assertThat(request.getMutations(0).getSumClamp()).isTrue();
		SumBounds back = WriteMapping.fromProto(request).mutations().get(0).sumBounds();
		assertThat(back.min().data()).isEqualTo(min);
		assertThat(back.max().data()).isEqualTo(max);
		assertThat(back.clamp()).isTrue();
		// An empty bound is none; on any other type the fields are ignored, as denokv does.
		SumBounds maxOnly = WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SUM)
			.setValue(value(ValueEncoding.VE_V8, 1)).setSumMax(ByteString.copyFrom(max)))).mutations().get(0).sumBounds();
		assertThat(maxOnly.min()).isNull();
		assertThat(maxOnly.max().data()).isEqualTo(max);
		assertThat(maxOnly.clamp()).isFalse();
		assertThat(WriteMapping.fromProto(write(Mutation.newBuilder().setMutationType(MutationType.M_SET)
			.setValue(value(ValueEncoding.VE_V8, 1)).setSumMin(ByteString.copyFrom(min)).setSumClamp(true)))
			.mutations().get(0).sumBounds()).isSameAs(SumBounds.NONE);
		var plainSet = WriteMapping.toProto(AtomicWrite.of(List.of(dev.denokv.handler.Mutation.set(KEY.toByteArray(),
				RawValue.v8(min))))).getMutations(0);
		assertThat(plainSet.getSumMin().isEmpty() && plainSet.getSumMax().isEmpty() && !plainSet.getSumClamp()).isTrue();
	}

	@Test
	void checkAndEnqueueRules() {
		var badCheck = com.deno.kv.datapath.AtomicWrite.newBuilder()
			.addChecks(Check.newBuilder().setKey(KEY).setVersionstamp(ByteString.copyFrom(new byte[9])))
			.build();
		assertThatThrownBy(() -> WriteMapping.fromProto(badCheck)).hasMessage("Invalid versionstamp.");
		var badDeadline = com.deno.kv.datapath.AtomicWrite.newBuilder()
			.addEnqueues(Enqueue.newBuilder().setDeadlineMs(-1))
			.build();
		assertThatThrownBy(() -> WriteMapping.fromProto(badDeadline)).hasMessage("Invalid mutation enqueue deadline.");
		var hugeBackoff = com.deno.kv.datapath.AtomicWrite.newBuilder()
			.addEnqueues(Enqueue.newBuilder().addBackoffSchedule(-5))
			.build();
		assertThatThrownBy(() -> WriteMapping.fromProto(hugeBackoff))
			.hasMessage("A backoff interval exceeds the maximum allowed backoff interval.");
		var enqueue = com.deno.kv.datapath.AtomicWrite.newBuilder()
			.addChecks(Check.newBuilder().setKey(KEY))
			.addEnqueues(Enqueue.newBuilder().setPayload(ByteString.copyFromUtf8("x")).setDeadlineMs(5).addKeysIfUndelivered(KEY))
			.build();
		AtomicWrite w = WriteMapping.fromProto(enqueue);
		assertThat(w.checks().get(0).versionstamp()).isNull();
		assertThat(w.enqueues().get(0).backoffSchedule()).isNull();
		assertThat(w.enqueues().get(0).keysIfUndelivered()).containsExactly(KEY.toByteArray());
		assertThat(WriteMapping.fromProto(WriteMapping.toProto(w))).usingRecursiveComparison().isEqualTo(w);
	}

	@Test
	void readRules() {
		var zeroLimit = SnapshotRead.newBuilder()
			.addRanges(com.deno.kv.datapath.ReadRange.newBuilder().setStart(KEY).setEnd(KEY).setLimit(0))
			.build();
		assertThatThrownBy(() -> ReadMapping.fromSnapshotRead(zeroLimit))
			.hasMessage("The read range limit of the snapshot read request is invalid.");
		assertThatThrownBy(() -> ReadMapping.fromSnapshotReadOutput(
				SnapshotReadOutput.newBuilder().setStatus(SnapshotReadStatus.SR_READ_DISABLED).build(), 3, Consistency.EVENTUAL))
			.isInstanceOf(KvBackendException.class).hasMessage("Reads are disabled for this database");
		assertThatThrownBy(() -> ReadMapping.fromSnapshotReadOutput(SnapshotReadOutput.getDefaultInstance(), 3,
				Consistency.STRONG)).hasMessage("Unspecified read error (code=0)");
		assertThatThrownBy(() -> ReadMapping.fromSnapshotReadOutput(SnapshotReadOutput.getDefaultInstance(), 2,
				Consistency.STRONG)).hasMessage("Strong consistency reads are not available for this database");
		assertThat(ReadMapping.fromSnapshotReadOutput(SnapshotReadOutput.getDefaultInstance(), 2, Consistency.EVENTUAL))
			.isEmpty();
		var badEntry = com.deno.kv.datapath.KvEntry.newBuilder().setKey(KEY).setEncodingValue(4)
			.setVersionstamp(ByteString.copyFrom(new byte[10])).build();
		assertThatThrownBy(() -> ReadMapping.fromKvEntry(badEntry)).hasMessage("Unknown encoding 4");
	}

	@Test
	void writeStatuses() {
		assertThat(WriteMapping.fromProto(AtomicWriteOutput.newBuilder().setStatus(AtomicWriteStatus.AW_CHECK_FAILURE)
			.addFailedChecks(1).build())).isEqualTo(new CommitResult.CheckFailed(List.of(1)));
		assertThatThrownBy(() -> WriteMapping.fromProto(AtomicWriteOutput.newBuilder()
			.setStatus(AtomicWriteStatus.AW_WRITE_DISABLED).build())).hasMessage("Writes are disabled for this database");
		assertThatThrownBy(() -> WriteMapping.fromProto(AtomicWriteOutput.getDefaultInstance()))
			.hasMessage("Unspecified write error");
	}

	@Test
	void watchSnapshotsApplyUnchangedKeys() {
		RawEntry a = new RawEntry(KEY.toByteArray(), RawValue.bytes(new byte[] { 1 }), Versionstamp.ofVersion(1));
		var first = WatchMapping.toWatchOutput(java.util.Arrays.asList(a, null));
		WatchSnapshotDecoder decoder = new WatchSnapshotDecoder(2);
		assertThat(decoder.apply(first)).containsExactly(a, null);
		var unchanged = com.deno.kv.datapath.WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS)
			.addKeys(com.deno.kv.datapath.WatchKeyOutput.newBuilder().setChanged(false))
			.addKeys(com.deno.kv.datapath.WatchKeyOutput.newBuilder().setChanged(true)
				.setEntryIfChanged(ReadMapping.toKvEntry(a)))
			.build();
		assertThat(decoder.apply(unchanged)).containsExactly(a, a);
		assertThatThrownBy(() -> new WatchSnapshotDecoder(2).apply(unchanged)).isInstanceOf(KvConnectProtocolException.class);
		assertThatThrownBy(() -> new WatchSnapshotDecoder(1).apply(first)).isInstanceOf(KvConnectProtocolException.class);
		assertThat(WatchMapping.fromWatch(WatchMapping.toWatch(List.of(KEY.toByteArray()))))
			.containsExactly(KEY.toByteArray());
	}

	@Test
	void metadataJsonHasTheExactShape() {
		Instant at = Instant.parse("2026-11-22T03:49:11Z");
		DatabaseMetadata m = new DatabaseMetadata(3, new UUID(0, 0),
				List.of(new DatabaseMetadata.Endpoint("/v2", Consistency.STRONG)), "secret-token", at);
		assertThat(MetadataJson.write(m)).isEqualTo("{\"version\":3,\"databaseId\":\"00000000-0000-0000-0000-000000000000\","
				+ "\"endpoints\":[{\"url\":\"/v2\",\"consistency\":\"strong\"}],\"token\":\"secret-token\","
				+ "\"expiresAt\":\"2026-11-22T03:49:11.000Z\"}");
		assertThat(m.toString()).doesNotContain("secret-token");
		assertThat(MetadataJson.read(MetadataJson.write(m))).isEqualTo(m);
		assertThat(m.endpoints().get(0).resolve(URI.create("http://127.0.0.1:4512/"), 3))
			.isEqualTo(URI.create("http://127.0.0.1:4512/v2"));
		assertThat(MetadataJson.writeRequest(MetadataExchangeRequest.DENO_DEFAULT)).isEqualTo("{\"supportedVersions\":[1,2,3]}");
	}

	@Test
	void metadataJsonErrorsUseDenoKvRemoteMessages() {
		String ok = "{\"version\":3,\"databaseId\":\"00000000-0000-0000-0000-000000000000\",\"endpoints\":[{\"url\":\"/v2\","
				+ "\"consistency\":\"strong\"}],\"token\":\"t\",\"expiresAt\":\"2026-11-22T03:49:11+01:00\",\"extra\":1}";
		assertThat(MetadataJson.read(ok).expiresAt()).isEqualTo(Instant.parse("2026-11-22T02:49:11Z"));
		assertThatThrownBy(() -> MetadataJson.read(ok.replace("\"version\":3", "\"version\":4")))
			.hasMessage("unsupported metadata version: 4");
		assertThatThrownBy(() -> MetadataJson.read(ok.replace("/v2", "/v2/")))
			.hasMessage("endpoint URL must not end with '/': /v2/");
		assertThatThrownBy(() -> MetadataJson.read(ok.replace("strong", "weak")))
			.hasMessage("unsupported consistency level: weak");
		assertThatThrownBy(() -> MetadataJson.read("nope")).hasMessageStartingWith("Failed to parse metadata: ");
		assertThat(MetadataJson.readRequest("{}".getBytes()).supportedVersions()).isEmpty();
		assertThatThrownBy(() -> MetadataJson.readRequest("[1]".getBytes())).isInstanceOf(KvConnectProtocolException.class);
		assertThatThrownBy(() -> MetadataJson.readRequest(new byte[0])).isInstanceOf(KvConnectProtocolException.class);
	}

	private static byte[] hex(String s) {
		return java.util.HexFormat.of().parseHex(s);
	}

}
