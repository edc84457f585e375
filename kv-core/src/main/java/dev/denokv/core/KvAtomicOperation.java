package dev.denokv.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;

import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.SumBounds;
import dev.denokv.key.KvKey;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;
import dev.denokv.value.KvValueCodec;

/**
 * A fluent atomic operation, Deno's {@code AtomicOperation}: nothing happens until
 * {@link #commit()}. All checks are evaluated first; if they all hold, the mutations are applied in
 * the order they were added and the messages enqueued, all under one versionstamp; otherwise
 * nothing is written.
 * <pre>{@code
 * KvEntry<Account> from = kv.get(fromKey, Account.class);
 * KvCommitResult result = kv.atomic()
 *     .check(from)
 *     .set(fromKey, from.value().withdraw(10))
 *     .sum(KvKey.of("stats", "transfers"), 1)
 *     .commit();
 * }</pre>
 * Values are encoded when they are added. The limits (100 checks, 1000 mutations, sizes) are
 * checked by {@link #commit()} before any I/O. An instance is a builder for one thread; it may be
 * committed more than once.
 */
public final class KvAtomicOperation {

	private final KvTemplate template;

	private final List<Check> checks = new ArrayList<>();

	private final List<PendingMutation> mutations = new ArrayList<>();

	private final List<PendingEnqueue> enqueues = new ArrayList<>();

	KvAtomicOperation(KvTemplate template) {
		this.template = template;
	}

	/**
	 * Requires the key's current versionstamp to equal {@code versionstamp}; {@code null} requires
	 * the key not to exist.
	 */
	public KvAtomicOperation check(KvKey key, Versionstamp versionstamp) {
		this.checks.add(new Check(encode(key), versionstamp));
		return this;
	}

	/** Requires the entry to be unchanged since it was read (or still missing, if it was missing). */
	public KvAtomicOperation check(KvEntry<?> entry) {
		return check(entry.key(), entry.versionstamp());
	}

	/** Stores {@code value}, replacing any expiry the key had. */
	public KvAtomicOperation set(KvKey key, Object value) {
		return add(encode(key), MutationType.SET, this.template.valueCodec().encode(value), null);
	}

	/**
	 * Stores {@code value} that expires after {@code expireIn} (whole milliseconds, not negative);
	 * {@code null} means no expiry, as {@link #set(KvKey, Object)}. As in Deno, an {@code expireIn}
	 * that reaches past the latest representable instant fails at {@link #commit()}, when the
	 * expiry is computed.
	 */
	public KvAtomicOperation set(KvKey key, Object value, Duration expireIn) {
		this.template.validator().checkExpireIn(expireIn);
		return add(encode(key), MutationType.SET, this.template.valueCodec().encode(value), expireIn);
	}

	/**
	 * Stores {@code value} under {@code prefix} with the commit's versionstamp appended as a last,
	 * string part (20 hex characters): Deno's {@code set([...prefix, kv.commitVersionstamp()], value)}.
	 * Keys written this way sort in commit order, which makes append-only logs.
	 */
	public KvAtomicOperation setWithVersionstampSuffix(KvKey prefix, Object value) {
		return setWithVersionstampSuffix(prefix, value, null);
	}

	/**
	 * {@link #setWithVersionstampSuffix(KvKey, Object)} for an entry that expires after
	 * {@code expireIn}, with the rules of {@link #set(KvKey, Object, Duration)}; {@code null} means
	 * no expiry.
	 */
	public KvAtomicOperation setWithVersionstampSuffix(KvKey prefix, Object value, Duration expireIn) {
		this.template.validator().checkExpireIn(expireIn);
		return add(encode(prefix), MutationType.SET_SUFFIX_VERSIONSTAMPED_KEY, this.template.valueCodec().encode(value),
				expireIn);
	}

	/** Removes the key; a missing key is fine. */
	public KvAtomicOperation delete(KvKey key) {
		return add(encode(key), MutationType.DELETE, null, null);
	}

	/** Adds {@code n} to the stored {@link KvU64}, wrapping modulo 2^64; a missing key becomes {@code n}. */
	public KvAtomicOperation sum(KvKey key, KvU64 n) {
		return add(encode(key), MutationType.SUM, RawValue.u64(Objects.requireNonNull(n, "n")), null);
	}

	/** {@link #sum(KvKey, KvU64)} with a non-negative {@code long}. */
	public KvAtomicOperation sum(KvKey key, long n) {
		return sum(key, KvU64.of(n));
	}

	/** Keeps the smaller of the stored {@link KvU64} and {@code n}; a missing key becomes {@code n}. */
	public KvAtomicOperation min(KvKey key, KvU64 n) {
		return add(encode(key), MutationType.MIN, RawValue.u64(Objects.requireNonNull(n, "n")), null);
	}

	/** {@link #min(KvKey, KvU64)} with a non-negative {@code long}. */
	public KvAtomicOperation min(KvKey key, long n) {
		return min(key, KvU64.of(n));
	}

	/** Keeps the larger of the stored {@link KvU64} and {@code n}; a missing key becomes {@code n}. */
	public KvAtomicOperation max(KvKey key, KvU64 n) {
		return add(encode(key), MutationType.MAX, RawValue.u64(Objects.requireNonNull(n, "n")), null);
	}

	/** {@link #max(KvKey, KvU64)} with a non-negative {@code long}. */
	public KvAtomicOperation max(KvKey key, long n) {
		return max(key, KvU64.of(n));
	}

	/** Adds mutations given as values, Deno's {@code mutate(...)}. */
	public KvAtomicOperation mutate(KvMutation... mutations) {
		for (KvMutation mutation : mutations) {
			RawValue value = (mutation.type() == MutationType.DELETE) ? null
					: this.template.valueCodec().encode(mutation.value());
			this.template.validator().checkExpireIn(mutation.expireIn());
			add(encode(mutation.key()), mutation.type(), value, mutation.expireIn(), encodeBounds(mutation.sumBounds()));
		}
		return this;
	}

	/** Enqueues {@code message} if the operation commits. */
	public KvAtomicOperation enqueue(Object message) {
		return enqueue(message, KvEnqueueOptions.defaults());
	}

	/**
	 * Enqueues {@code message} with options if the operation commits: the exactly-once pattern of
	 * writing state and sending a message together.
	 */
	public KvAtomicOperation enqueue(Object message, KvEnqueueOptions options) {
		this.enqueues.add(this.template.prepareEnqueue(message, options));
		return this;
	}

	/**
	 * Commits. Returns {@link KvCommitResult.Committed} with the versionstamp, or
	 * {@link KvCommitResult.CheckFailed} when a check did not hold (nothing was written then).
	 * @throws dev.denokv.error.KvInvalidArgumentException over a limit, before any I/O
	 * @throws dev.denokv.error.KvMutationException when a mutation cannot apply (nothing was written)
	 */
	public KvCommitResult commit() {
		return this.template.commit(build(), dev.denokv.observation.KvOperationName.ATOMIC);
	}

	/**
	 * {@link #commit()} without waiting; every failure, a limit included, completes the future
	 * exceptionally. See {@link KvOperations#setAsync(KvKey, Object)} on where stages run.
	 */
	public CompletableFuture<KvCommitResult> commitAsync() {
		AtomicWrite write;
		try {
			write = build();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		return this.template.commitAsync(write, dev.denokv.observation.KvOperationName.ATOMIC);
	}

	private AtomicWrite build() {
		// Deno counts checks and mutations before it computes any expiry, so "Too many mutations"
		// wins over a too large expireIn; the other limits come after, in commit.
		this.template.validator().checkAtomicWriteCounts(this.checks.size(),
				this.mutations.size() + this.enqueues.size());
		long now = this.template.clock().millis();
		List<Mutation> built = new ArrayList<>(this.mutations.size());
		for (PendingMutation m : this.mutations) {
			long expireAt = this.template.validator().expireAt(m.expireIn(), now);
			built.add(new Mutation(m.key(), m.type(), m.value(), expireAt, m.sumBounds()));
		}
		List<Enqueue> builtEnqueues = new ArrayList<>(this.enqueues.size());
		for (PendingEnqueue e : this.enqueues) {
			builtEnqueues.add(e.toEnqueue(this.template.validator(), now));
		}
		return new AtomicWrite(this.checks, built, builtEnqueues);
	}

	private KvAtomicOperation add(byte[] key, MutationType type, RawValue value, Duration expireIn) {
		return add(key, type, value, expireIn, SumBounds.NONE);
	}

	private KvAtomicOperation add(byte[] key, MutationType type, RawValue value, Duration expireIn,
			SumBounds sumBounds) {
		this.mutations.add(new PendingMutation(key, type, value, expireIn, sumBounds));
		return this;
	}

	private SumBounds encodeBounds(KvSumBounds bounds) {
		if (bounds == null) {
			return SumBounds.NONE;
		}
		KvValueCodec codec = this.template.valueCodec();
		return new SumBounds((bounds.min() != null) ? codec.encode(bounds.min()) : null,
				(bounds.max() != null) ? codec.encode(bounds.max()) : null, bounds.clamp());
	}

	private static byte[] encode(KvKey key) {
		return Objects.requireNonNull(key, "key").encode();
	}

	@Override
	public String toString() {
		return "KvAtomicOperation[checks=" + this.checks.size() + ", mutations=" + this.mutations.size()
				+ ", enqueues=" + this.enqueues.size() + "]";
	}

	/** A mutation whose expiry is computed at commit time, as Deno does. */
	private record PendingMutation(byte[] key, MutationType type, RawValue value, Duration expireIn,
			SumBounds sumBounds) {
	}

}
