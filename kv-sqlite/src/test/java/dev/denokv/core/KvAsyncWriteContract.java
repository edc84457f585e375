package dev.denokv.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.error.KvMutationException;
import dev.denokv.key.KvKey;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The asynchronous writes ({@code setAsync}, {@code deleteAsync}, {@code commitAsync}): the same
 * results and errors as the blocking calls, delivered through the future, never thrown.
 */
public interface KvAsyncWriteContract extends KvTemplateContract {

	@Test
	default void manyWritesInFlightFromOneThreadAllLand() throws Exception {
		List<CompletableFuture<KvCommitResult.Committed>> writes = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			writes.add(kv().setAsync(KvKey.of("async", i), "v" + i));
		}
		Set<Versionstamp> stamps = new HashSet<>();
		for (CompletableFuture<KvCommitResult.Committed> write : writes) {
			stamps.add(write.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).versionstamp());
		}
		assertThat(stamps).hasSize(200);
		for (int i = 0; i < 200; i++) {
			KvEntry<String> entry = kv().get(KvKey.of("async", i), String.class);
			assertThat(entry.value()).isEqualTo("v" + i);
			assertThat(stamps).contains(entry.versionstamp());
		}
	}

	@Test
	default void setAsyncWithExpiryAndDeleteAsync() throws Exception {
		KvKey key = KvKey.of("async", "expiring");
		kv().setAsync(key, 1, Duration.ofHours(1)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(kv().get(key, Integer.class).value()).isEqualTo(1);
		KvCommitResult.Committed deleted = kv().deleteAsync(key).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(deleted.versionstamp()).isNotNull();
		assertThat(kv().get(key, Integer.class).exists()).isFalse();
	}

	@Test
	default void setAsyncWithNullExpireInNeverExpires() throws Exception {
		KvKey key = KvKey.of("async", "forever");
		KvTemplate late = kv((builder) -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))));
		kv().set(key, "expiring", Duration.ofHours(1));
		late.setAsync(key, "forever", null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(kv().get(key, String.class).value()).isEqualTo("forever");
	}

	@Test
	default void commitAsyncReportsAFailedCheck() throws Exception {
		KvKey key = KvKey.of("async", "checked");
		kv().set(key, "there");
		KvCommitResult result = kv().atomic().check(key, null).set(key, "overwritten").commitAsync()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(result.ok()).isFalse();
		assertThat(kv().get(key, String.class).value()).isEqualTo("there");
	}

	@Test
	default void aFailingMutationFailsOnlyItsOwnFuture() throws Exception {
		KvKey text = KvKey.of("async", "text");
		kv().set(text, "not a number");
		CompletableFuture<KvCommitResult.Committed> before = kv().setAsync(KvKey.of("async", "before"), 1);
		CompletableFuture<KvCommitResult> failing = kv().atomic()
			.set(KvKey.of("async", "rolled-back"), 2)
			.sum(text, 1)
			.commitAsync();
		CompletableFuture<KvCommitResult.Committed> after = kv().setAsync(KvKey.of("async", "after"), 3);
		assertThatThrownBy(() -> failing.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).cause()
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Failed to perform 'sum' mutation on a non-U64 value in the database");
		assertThat(before.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).versionstamp()).isNotNull();
		assertThat(after.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).versionstamp()).isNotNull();
		assertThat(kv().get(KvKey.of("async", "rolled-back"), Integer.class).exists()).isFalse();
	}

	@Test
	default void invalidInputFailsTheFutureBeforeAnyIo() {
		int before = counting().writes.get();
		CompletableFuture<KvCommitResult.Committed> emptyKey = kv().setAsync(KvKey.empty(), "x");
		assertThat(emptyKey).isCompletedExceptionally();
		assertThatThrownBy(emptyKey::join).cause()
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("key cannot be empty");
		CompletableFuture<KvCommitResult.Committed> negativeExpiry = kv().setAsync(KvKey.of("k"), "x",
				Duration.ofMillis(-1));
		assertThatThrownBy(negativeExpiry::join).cause().isInstanceOf(KvInvalidArgumentException.class);
		assertThat(counting().writes.get()).isEqualTo(before);
	}

	@Test
	default void writesAfterCloseFailTheFuture() {
		KvTemplate other = kv((builder) -> {
		});
		other.close();
		assertThatThrownBy(() -> other.setAsync(KvKey.of("closed"), 1).join()).cause()
			.isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> other.atomic().set(KvKey.of("closed"), 1).commitAsync().join()).cause()
			.isInstanceOf(KvClosedException.class);
	}

}
