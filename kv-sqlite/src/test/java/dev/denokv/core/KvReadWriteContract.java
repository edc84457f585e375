package dev.denokv.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.Consistency;
import dev.denokv.key.KvKey;
import dev.denokv.model.KvU64;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** get, getMany, set (with expireIn), delete, and their errors. */
public interface KvReadWriteContract extends KvTemplateContract {

	/** A value type mapped to a plain JS object. */
	record Todo(String title, boolean done) {
	}

	@Test
	default void setThenGetReturnsValueAndVersionstamp() {
		KvKey key = KvKey.of("todos", 1);
		KvCommitResult.Committed committed = kv().set(key, new Todo("write tests", false));
		KvEntry<Todo> entry = kv().get(key, Todo.class);
		assertThat(entry.key()).isEqualTo(key);
		assertThat(entry.value()).isEqualTo(new Todo("write tests", false));
		assertThat(entry.versionstamp()).isEqualTo(committed.versionstamp());
		assertThat(entry.exists()).isTrue();
		assertThat(committed.ok()).isTrue();
	}

	@Test
	default void missingKeyHasNullValueAndVersionstamp() {
		KvKey key = KvKey.of("nothing", "here");
		KvEntry<String> entry = kv().get(key, String.class);
		assertThat(entry).isEqualTo(new KvEntry<String>(key, null, null));
		assertThat(entry.exists()).isFalse();
	}

	@Test
	default void overwriteMovesTheVersionstampForward() {
		KvKey key = KvKey.of("counter");
		Versionstamp first = kv().set(key, "a").versionstamp();
		Versionstamp second = kv().set(key, "b").versionstamp();
		assertThat(second).isGreaterThan(first);
		assertThat(kv().get(key, String.class).value()).isEqualTo("b");
	}

	@Test
	default void valuesOfEveryEncodingRoundTrip() {
		kv().set(KvKey.of("bytes"), new byte[] { 0, 1, 2, (byte) 0xff });
		kv().set(KvKey.of("u64"), KvU64.ofBits(-1L));
		kv().set(KvKey.of("string"), "héllo 🦕");
		kv().set(KvKey.of("null"), null);
		assertThat(kv().get(KvKey.of("bytes"), byte[].class).value()).containsExactly(0, 1, 2, 0xff);
		assertThat(kv().get(KvKey.of("u64"), KvU64.class).value()).isEqualTo(KvU64.ofBits(-1L));
		assertThat(kv().get(KvKey.of("string"), String.class).value()).isEqualTo("héllo 🦕");
		KvEntry<Object> nullEntry = kv().get(KvKey.of("null"), Object.class);
		assertThat(nullEntry.exists()).isTrue();
		assertThat(nullEntry.value()).isNull();
	}

	@Test
	default void deleteRemovesTheKeyAndStillCommits() {
		KvKey key = KvKey.of("gone");
		Versionstamp set = kv().set(key, "soon").versionstamp();
		Versionstamp deleted = kv().delete(key).versionstamp();
		assertThat(deleted).isGreaterThan(set);
		assertThat(kv().get(key, String.class).exists()).isFalse();
		assertThat(kv().delete(key).versionstamp()).isGreaterThan(deleted);
	}

	@Test
	default void getManyKeepsLengthAndOrderInOneRead() {
		kv().set(KvKey.of("m", 1), "one");
		kv().set(KvKey.of("m", 3), "three");
		List<KvKey> keys = List.of(KvKey.of("m", 3), KvKey.of("m", 2), KvKey.of("m", 1));
		int readsBefore = counting().reads.get();
		List<KvEntry<String>> entries = kv().getMany(keys, String.class);
		assertThat(counting().reads.get() - readsBefore).isEqualTo(1);
		assertThat(entries).extracting(KvEntry::key).containsExactlyElementsOf(keys);
		assertThat(entries).extracting(KvEntry::value).containsExactly("three", null, "one");
		assertThat(entries.get(1).versionstamp()).isNull();
		assertThat(kv().getMany(List.of(), String.class)).isEmpty();
	}

	@Test
	default void getManyTakesAtMostTenKeys() {
		List<KvKey> keys = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			keys.add(KvKey.of("k", i));
		}
		assertThat(kv().getMany(keys, String.class)).hasSize(10);
		keys.add(KvKey.of("k", 10));
		assertRejected(() -> kv().getMany(keys, String.class), "Too many ranges (max 10)");
	}

	@Test
	default void eventualReadsWork() {
		kv().set(KvKey.of("e"), "v");
		assertThat(kv().get(KvKey.of("e"), String.class, Consistency.EVENTUAL).value()).isEqualTo("v");
		assertThat(kv().getMany(List.of(KvKey.of("e")), String.class, Consistency.EVENTUAL)).hasSize(1);
	}

	@Test
	default void expiredEntriesAreNotReturned() {
		// A clock an hour behind makes "expires in one minute" a time already past.
		KvTemplate late = kv((builder) -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))));
		late.set(KvKey.of("ttl", "past"), "old", Duration.ofMinutes(1));
		kv().set(KvKey.of("ttl", "future"), "fresh", Duration.ofHours(1));
		assertThat(kv().get(KvKey.of("ttl", "past"), String.class).exists()).isFalse();
		assertThat(kv().get(KvKey.of("ttl", "future"), String.class).value()).isEqualTo("fresh");
	}

	@Test
	default void setWithoutExpireInRemovesAnEarlierExpiry() {
		KvTemplate late = kv((builder) -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))));
		KvKey key = KvKey.of("ttl", "reset");
		kv().set(key, "expiring", Duration.ofHours(1));
		late.set(key, "forever");
		assertThat(kv().get(key, String.class).value()).isEqualTo("forever");
	}

	@Test
	default void keyErrorsHaveDenosMessages() {
		assertRejected(() -> kv().set(KvKey.empty(), "x"), "key cannot be empty");
		assertRejected(() -> kv().delete(KvKey.empty()), "key cannot be empty");
		String maxPart = "x".repeat(2046);
		kv().set(KvKey.of(maxPart), "fits");
		assertThat(kv().get(KvKey.of(maxPart), String.class).value()).isEqualTo("fits");
		assertRejected(() -> kv().set(KvKey.of(maxPart + "x"), "x"), "Key too large for write (max 2048 bytes)");
		assertRejected(() -> kv().get(KvKey.of(maxPart + "xx"), String.class),
				"Key too large for read (max 2049 bytes)");
		assertThat(kv().get(KvKey.empty(), String.class).exists()).isFalse();
	}

	@Test
	default void valueAndExpiryErrorsHaveDenosMessages() {
		kv().set(KvKey.of("big"), new byte[65536]);
		assertRejected(() -> kv().set(KvKey.of("big"), new byte[65537]), "Value too large (max 65536 bytes)");
		assertRejected(() -> kv().set(KvKey.of("ttl"), "x", Duration.ofMillis(-1)),
				"expireIn must be a non-negative integer: received -1");
		kv().set(KvKey.of("ttl"), "x", Duration.ZERO);
	}

	@Test
	default void valueSizeIsCheckedAfterTheKeysAsInDeno() {
		// Deno 2.9.5: kv.set(["k", new Uint8Array(2044)], new Uint8Array(70000)) fails on the key.
		KvKey longKey = KvKey.of("k", new byte[2044]);
		assertRejected(() -> kv().set(longKey, new byte[70000]), "Key too large for write (max 2048 bytes)");
		assertRejected(() -> kv().set(longKey, "x".repeat(70000)), "Key too large for write (max 2048 bytes)");
		assertThatThrownBy(() -> kv().setAsync(longKey, new byte[70000]).join()).cause()
			.isInstanceOf(KvInvalidArgumentException.class).hasMessage("Key too large for write (max 2048 bytes)");
		// With a valid key the value's size is what fails, checked after encoding.
		assertRejected(() -> kv().set(KvKey.of("big"), "x".repeat(70000)), "Value too large (max 65536 bytes)");
		assertRejected(() -> kv().set(KvKey.of("big"), new byte[70000], Duration.ofHours(1)),
				"Value too large (max 65536 bytes)");
	}

	@Test
	default void expireInMustNotReachPastDenosLatestInstant() {
		// Deno 2.9.5: set(["k"], 1, {expireIn: 9e15}) fails with this message, which names expireIn.
		assertRejected(() -> kv().set(KvKey.of("ttl"), "x", Duration.ofMillis(9_000_000_000_000_000L)),
				"Invalid mutation: expireIn is too large: 9000000000000000");
		// With a fixed clock the bound is exact: now + expireIn may reach 8210266876799999, not pass it.
		long now = 1_700_000_000_000L;
		KvTemplate fixed = kv((builder) -> builder
			.clock(Clock.fixed(java.time.Instant.ofEpochMilli(now), java.time.ZoneOffset.UTC)));
		long max = 8_210_266_876_799_999L - now;
		fixed.set(KvKey.of("ttl", "max"), "x", Duration.ofMillis(max));
		assertThat(kv().get(KvKey.of("ttl", "max"), String.class).value()).isEqualTo("x");
		assertRejected(() -> fixed.set(KvKey.of("ttl"), "x", Duration.ofMillis(max + 1)),
				"Invalid mutation: expireIn is too large: " + (max + 1));
	}

	@Test
	default void nullExpireInMeansNoExpiry() {
		KvTemplate late = kv((builder) -> builder.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))));
		KvKey key = KvKey.of("ttl", "null");
		kv().set(key, "expiring", Duration.ofHours(1));
		// Had null kept the earlier expiry (or meant "now"), the late clock would make the key vanish.
		late.set(key, "forever", null);
		assertThat(kv().get(key, String.class).value()).isEqualTo("forever");
		KvKey other = KvKey.of("ttl", "null", "atomic");
		late.atomic().set(other, "a", null).mutate(KvMutation.set(KvKey.of("ttl", "null", "mutate"), "m", null)).commit();
		assertThat(kv().get(other, String.class).value()).isEqualTo("a");
		assertThat(kv().get(KvKey.of("ttl", "null", "mutate"), String.class).value()).isEqualTo("m");
	}

	@Test
	default void closedTemplateRejectsOperations() {
		KvTemplate other = kv((builder) -> {
		});
		other.close();
		other.close();
		assertThat(other.isClosed()).isTrue();
		assertThatThrownBy(() -> other.get(KvKey.of("a"), String.class)).isInstanceOf(KvClosedException.class);
		assertThatThrownBy(() -> other.set(KvKey.of("a"), "b")).isInstanceOf(KvClosedException.class);
		assertThat(kv().set(KvKey.of("a"), "b").ok()).as("the shared handler stays open").isTrue();
	}

	@Test
	default void executeGivesTheHandler() {
		String backend = kv().execute(dev.denokv.handler.DatabaseHandler::backendName);
		assertThat(backend).isEqualTo(kv().getDatabaseHandler().backendName());
	}

}
