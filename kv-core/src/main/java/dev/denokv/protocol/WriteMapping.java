package dev.denokv.protocol;

import java.util.ArrayList;
import java.util.List;

import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.AtomicWriteStatus;
import com.google.protobuf.ByteString;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.SumBounds;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

/**
 * {@code atomic_write}: {@link com.deno.kv.datapath.AtomicWrite} / {@link AtomicWriteOutput} to and
 * from {@link AtomicWrite} / {@link CommitResult}.
 *
 * <p>Two protocol facts shape the mapping. A KV Connect enqueue cannot say "no retries": an empty
 * {@code backoff_schedule} means the server's default, so an {@link Enqueue} with an empty schedule
 * travels as the default. And {@code sum_min}, {@code sum_max} and {@code sum_clamp} belong to
 * {@code M_SUM} only: they become the mutation's {@link SumBounds} there (an empty bound is none)
 * and are ignored on every other type, as denokv does.
 */
public final class WriteMapping {

	/** denokv's message for a check versionstamp that is neither empty nor 10 bytes. */
	public static final String INVALID_VERSIONSTAMP = "Invalid versionstamp.";

	/** denokv's message for an unknown mutation type or a missing value. */
	public static final String INVALID_MUTATION = "Invalid mutation kind or arguments.";

	/** denokv's message for an {@code expire_at_ms} below -1. */
	public static final String INVALID_EXPIRE_AT = "Invalid mutation expire at.";

	/** denokv's message for a negative (or too old) enqueue deadline. */
	public static final String INVALID_DEADLINE = "Invalid mutation enqueue deadline.";

	/** denokv's message for a backoff interval over the maximum. */
	public static final String BACKOFF_TOO_LARGE = "A backoff interval exceeds the maximum allowed backoff interval.";

	private WriteMapping() {
	}

	// ---- request (client encodes, server decodes)

	/**
	 * The request for a write. Deletes carry an empty BYTES value as {@code denokv_remote} sends them;
	 * an absent or empty backoff schedule is sent empty (the server's default).
	 */
	public static com.deno.kv.datapath.AtomicWrite toProto(AtomicWrite write) {
		com.deno.kv.datapath.AtomicWrite.Builder b = com.deno.kv.datapath.AtomicWrite.newBuilder();
		for (Check c : write.checks()) {
			b.addChecks(com.deno.kv.datapath.Check.newBuilder()
				.setKey(ByteString.copyFrom(c.key()))
				.setVersionstamp((c.versionstamp() != null) ? ValueMapping.toBytes(c.versionstamp()) : ByteString.EMPTY));
		}
		for (Mutation m : write.mutations()) {
			RawValue value = (m.value() != null) ? m.value() : RawValue.bytes(new byte[0]);
			com.deno.kv.datapath.Mutation.Builder mb = com.deno.kv.datapath.Mutation.newBuilder()
				.setKey(ByteString.copyFrom(m.key()))
				.setValue(ValueMapping.toKvValue(value))
				.setMutationType(toProto(m.type()))
				.setExpireAtMs(m.expireAtMs());
			SumBounds bounds = m.sumBounds();
			if (bounds.min() != null) {
				mb.setSumMin(ByteString.copyFrom(bounds.min().data()));
			}
			if (bounds.max() != null) {
				mb.setSumMax(ByteString.copyFrom(bounds.max().data()));
			}
			b.addMutations(mb.setSumClamp(bounds.clamp()));
		}
		for (Enqueue e : write.enqueues()) {
			com.deno.kv.datapath.Enqueue.Builder eb = com.deno.kv.datapath.Enqueue.newBuilder()
				.setPayload(ByteString.copyFrom(e.payload()))
				.setDeadlineMs(e.deadlineMs());
			e.keysIfUndelivered().forEach((k) -> eb.addKeysIfUndelivered(ByteString.copyFrom(k)));
			if (e.backoffSchedule() != null) {
				eb.addAllBackoffSchedule(e.backoffSchedule());
			}
			b.addEnqueues(eb);
		}
		return b.build();
	}

	/**
	 * The write a request asks for. Checks structure only; the size and count limits are the
	 * server's to apply.
	 * @throws KvConnectProtocolException with denokv's message for a bad versionstamp, mutation type,
	 * missing value, unknown value encoding, expiry, deadline or backoff interval
	 */
	public static AtomicWrite fromProto(com.deno.kv.datapath.AtomicWrite request) {
		List<Check> checks = new ArrayList<>(request.getChecksCount());
		for (com.deno.kv.datapath.Check c : request.getChecksList()) {
			Versionstamp vs = c.getVersionstamp().isEmpty() ? null
					: ValueMapping.versionstamp(c.getVersionstamp(), INVALID_VERSIONSTAMP);
			checks.add(new Check(c.getKey().toByteArray(), vs));
		}
		List<Mutation> mutations = new ArrayList<>(request.getMutationsCount());
		for (com.deno.kv.datapath.Mutation m : request.getMutationsList()) {
			mutations.add(fromProto(m));
		}
		List<Enqueue> enqueues = new ArrayList<>(request.getEnqueuesCount());
		for (com.deno.kv.datapath.Enqueue e : request.getEnqueuesList()) {
			enqueues.add(fromProto(e));
		}
		return new AtomicWrite(checks, mutations, enqueues);
	}

	private static Mutation fromProto(com.deno.kv.datapath.Mutation m) {
		MutationType type = mutationType(m.getMutationTypeValue());
		long expireAt = m.getExpireAtMs();
		if (expireAt < -1) {
			throw new KvConnectProtocolException(INVALID_EXPIRE_AT);
		}
		long expireAtMs = (expireAt == -1) ? 0 : expireAt;
		if (type == MutationType.DELETE) {
			return new Mutation(m.getKey().toByteArray(), type, null, expireAtMs);
		}
		if (!m.hasValue()) {
			throw new KvConnectProtocolException(INVALID_MUTATION);
		}
		int encoding = m.getValue().getEncodingValue();
		RawValue value = ValueMapping.rawValue(m.getValue().getData(), encoding,
				"The value encoding " + encoding + " is unknown.", INVALID_MUTATION);
		SumBounds bounds = (type == MutationType.SUM) ? sumBounds(m) : SumBounds.NONE;
		return new Mutation(m.getKey().toByteArray(), type, value, expireAtMs, bounds);
	}

	private static SumBounds sumBounds(com.deno.kv.datapath.Mutation m) {
		RawValue min = m.getSumMin().isEmpty() ? null : RawValue.v8(m.getSumMin().toByteArray());
		RawValue max = m.getSumMax().isEmpty() ? null : RawValue.v8(m.getSumMax().toByteArray());
		return new SumBounds(min, max, m.getSumClamp());
	}

	private static Enqueue fromProto(com.deno.kv.datapath.Enqueue e) {
		if (e.getDeadlineMs() < 0) {
			throw new KvConnectProtocolException(INVALID_DEADLINE);
		}
		List<byte[]> keys = new ArrayList<>(e.getKeysIfUndeliveredCount());
		e.getKeysIfUndeliveredList().forEach((k) -> keys.add(k.toByteArray()));
		for (int interval : e.getBackoffScheduleList()) {
			if (interval < 0) { // uint32 above 2^31: far over any maximum
				throw new KvConnectProtocolException(BACKOFF_TOO_LARGE);
			}
		}
		List<Integer> backoff = (e.getBackoffScheduleCount() == 0) ? null : e.getBackoffScheduleList();
		return new Enqueue(e.getPayload().toByteArray(), e.getDeadlineMs(), keys, backoff);
	}

	/** The protobuf number of a mutation type. */
	public static com.deno.kv.datapath.MutationType toProto(MutationType type) {
		return switch (type) {
			case SET -> com.deno.kv.datapath.MutationType.M_SET;
			case DELETE -> com.deno.kv.datapath.MutationType.M_DELETE;
			case SUM -> com.deno.kv.datapath.MutationType.M_SUM;
			case MIN -> com.deno.kv.datapath.MutationType.M_MIN;
			case MAX -> com.deno.kv.datapath.MutationType.M_MAX;
			case SET_SUFFIX_VERSIONSTAMPED_KEY -> com.deno.kv.datapath.MutationType.M_SET_SUFFIX_VERSIONSTAMPED_KEY;
		};
	}

	private static MutationType mutationType(int number) {
		return switch (number) {
			case 1 -> MutationType.SET;
			case 2 -> MutationType.DELETE;
			case 3 -> MutationType.SUM;
			case 4 -> MutationType.MAX;
			case 5 -> MutationType.MIN;
			case 9 -> MutationType.SET_SUFFIX_VERSIONSTAMPED_KEY;
			default -> throw new KvConnectProtocolException(INVALID_MUTATION);
		};
	}

	// ---- response (server encodes, client decodes)

	/** The response for a commit result; failed checks carry their indexes. */
	public static AtomicWriteOutput toProto(CommitResult result) {
		if (result instanceof CommitResult.Committed committed) {
			return AtomicWriteOutput.newBuilder()
				.setStatus(AtomicWriteStatus.AW_SUCCESS)
				.setVersionstamp(ValueMapping.toBytes(committed.versionstamp()))
				.build();
		}
		CommitResult.CheckFailed failed = (CommitResult.CheckFailed) result;
		return AtomicWriteOutput.newBuilder()
			.setStatus(AtomicWriteStatus.AW_CHECK_FAILURE)
			.addAllFailedChecks(failed.failedCheckIndexes())
			.build();
	}

	/**
	 * The commit result of a response, with {@code denokv_remote}'s errors for the other statuses.
	 * Clients that prefer to refresh metadata and retry on {@code AW_WRITE_DISABLED} check the
	 * status first.
	 * @throws KvBackendException for {@code AW_WRITE_DISABLED} ("Writes are disabled for this
	 * database") and any other status ("Unspecified write error")
	 * @throws KvConnectProtocolException when a success carries no 10-byte versionstamp
	 */
	public static CommitResult fromProto(AtomicWriteOutput output) {
		return switch (output.getStatus()) {
			case AW_SUCCESS -> new CommitResult.Committed(ValueMapping.versionstamp(output.getVersionstamp(),
					"Invalid versionstamp: expected 10 bytes, got " + output.getVersionstamp().size()));
			case AW_CHECK_FAILURE -> new CommitResult.CheckFailed(output.getFailedChecksList());
			case AW_WRITE_DISABLED -> throw new KvBackendException("Writes are disabled for this database");
			default -> throw new KvBackendException("Unspecified write error");
		};
	}

}
