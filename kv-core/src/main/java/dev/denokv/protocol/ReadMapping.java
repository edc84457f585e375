package dev.denokv.protocol;

import java.util.ArrayList;
import java.util.List;

import com.deno.kv.datapath.KvEntry;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import com.deno.kv.datapath.SnapshotReadStatus;
import com.google.protobuf.ByteString;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.Consistency;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.handler.ReadRangeOutput;

/**
 * {@code snapshot_read}: {@link SnapshotRead} / {@link SnapshotReadOutput} to and from
 * {@link ReadRange} / {@link ReadRangeOutput}, and {@link KvEntry} to and from {@link RawEntry}.
 */
public final class ReadMapping {

	/** denokv's message for a range limit outside 1..2^31-1. */
	public static final String INVALID_LIMIT = "The read range limit of the snapshot read request is invalid.";

	private ReadMapping() {
	}

	// ---- request (client encodes, server decodes)

	/** The request for these ranges. */
	public static SnapshotRead toSnapshotRead(List<ReadRange> ranges) {
		SnapshotRead.Builder b = SnapshotRead.newBuilder();
		for (ReadRange r : ranges) {
			b.addRanges(com.deno.kv.datapath.ReadRange.newBuilder()
				.setStart(ByteString.copyFrom(r.start()))
				.setEnd(ByteString.copyFrom(r.end()))
				.setLimit(r.limit())
				.setReverse(r.reverse()));
		}
		return b.build();
	}

	/**
	 * The ranges of a request.
	 * @throws KvConnectProtocolException when a limit is below 1 ({@value #INVALID_LIMIT})
	 */
	public static List<ReadRange> fromSnapshotRead(SnapshotRead request) {
		List<ReadRange> ranges = new ArrayList<>(request.getRangesCount());
		for (com.deno.kv.datapath.ReadRange r : request.getRangesList()) {
			if (r.getLimit() < 1) {
				throw new KvConnectProtocolException(INVALID_LIMIT);
			}
			ranges.add(new ReadRange(r.getStart().toByteArray(), r.getEnd().toByteArray(), r.getLimit(), r.getReverse()));
		}
		return ranges;
	}

	// ---- response (server encodes, client decodes)

	/**
	 * A successful response as the {@code denokv} server sends it: status {@code SR_SUCCESS},
	 * {@code read_is_strongly_consistent = true} (clients of every version check it on strong reads)
	 * and {@code read_disabled = false}.
	 */
	public static SnapshotReadOutput toSnapshotReadOutput(List<ReadRangeOutput> outputs) {
		SnapshotReadOutput.Builder b = SnapshotReadOutput.newBuilder()
			.setStatus(SnapshotReadStatus.SR_SUCCESS)
			.setReadIsStronglyConsistent(true)
			.setReadDisabled(false);
		for (ReadRangeOutput out : outputs) {
			com.deno.kv.datapath.ReadRangeOutput.Builder rb = com.deno.kv.datapath.ReadRangeOutput.newBuilder();
			for (RawEntry e : out.entries()) {
				rb.addValues(toKvEntry(e));
			}
			b.addRanges(rb);
		}
		return b.build();
	}

	/**
	 * The entries of a response, after the status checks {@code denokv_remote} makes. Clients that
	 * prefer to refresh their metadata and retry on a disabled read (as the spec suggests) inspect
	 * the status before calling this.
	 * @param protocolVersion the negotiated version (1, 2 or 3)
	 * @param consistency the consistency the read asked for
	 * @throws KvBackendException with {@code denokv_remote}'s message when the server reports a
	 * disabled or unspecified read, or a strong read that is not strongly consistent
	 * @throws KvConnectProtocolException when an entry is malformed
	 */
	public static List<ReadRangeOutput> fromSnapshotReadOutput(SnapshotReadOutput output, int protocolVersion,
			Consistency consistency) {
		if (protocolVersion >= 3) {
			checkReadStatus(output.getStatus(), output.getStatusValue());
		}
		else if (output.getReadDisabled()) {
			throw new KvBackendException("Reads are disabled for this database");
		}
		if (consistency == Consistency.STRONG && !output.getReadIsStronglyConsistent()) {
			throw new KvBackendException("Strong consistency reads are not available for this database");
		}
		List<ReadRangeOutput> outputs = new ArrayList<>(output.getRangesCount());
		for (com.deno.kv.datapath.ReadRangeOutput r : output.getRangesList()) {
			List<RawEntry> entries = new ArrayList<>(r.getValuesCount());
			for (KvEntry e : r.getValuesList()) {
				entries.add(fromKvEntry(e));
			}
			outputs.add(new ReadRangeOutput(entries));
		}
		return outputs;
	}

	// ---- entries

	/** The protobuf form of a stored entry. */
	public static KvEntry toKvEntry(RawEntry entry) {
		return KvEntry.newBuilder()
			.setKey(ByteString.copyFrom(entry.key()))
			.setValue(ByteString.copyFrom(entry.value().data()))
			.setEncoding(ValueMapping.toProto(entry.value().encoding()))
			.setVersionstamp(ValueMapping.toBytes(entry.versionstamp()))
			.build();
	}

	/**
	 * A stored entry from its protobuf form, rejecting what {@code denokv_remote} rejects: an
	 * encoding outside 1..3 ({@code "Unknown encoding N"}) and a versionstamp that is not 10 bytes.
	 */
	public static RawEntry fromKvEntry(KvEntry entry) {
		return new RawEntry(entry.getKey().toByteArray(),
				ValueMapping.rawValue(entry.getValue(), entry.getEncodingValue(),
						"Unknown encoding " + entry.getEncodingValue(),
						"Invalid LE64 value: expected 8 bytes, got " + entry.getValue().size()),
				ValueMapping.versionstamp(entry.getVersionstamp(),
						"Invalid versionstamp: expected 10 bytes, got " + entry.getVersionstamp().size()));
	}

	/**
	 * Fails unless a snapshot read or watch output reports success, with denokv's messages
	 * ({@code "Reads are disabled for this database"} for {@code SR_READ_DISABLED}).
	 */
	static void checkReadStatus(SnapshotReadStatus status, int statusValue) {
		if (status == SnapshotReadStatus.SR_READ_DISABLED) {
			throw new KvBackendException("Reads are disabled for this database");
		}
		if (status != SnapshotReadStatus.SR_SUCCESS) {
			throw new KvBackendException("Unspecified read error (code=" + statusValue + ")");
		}
	}

}
