package dev.denokv.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.denokv.key.KvKey;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;

/** watch: first state, changes, suppression of non-changes, cancellation, limits. */
public interface KvWatchContract extends KvTemplateContract {

	@Test
	default void firstEmissionIsTheCurrentStateThenChangesFollow() throws Exception {
		KvKey a = KvKey.of("w", "a");
		KvKey b = KvKey.of("w", "b");
		Versionstamp va = kv().set(a, "A1").versionstamp();
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription watch = kv().watch(List.of(a, b), String.class, emissions::add);
		List<KvEntry<String>> first = poll(emissions);
		assertThat(first).containsExactly(new KvEntry<>(a, "A1", va), KvEntry.missing(b));
		Versionstamp vb = kv().set(b, "B1").versionstamp();
		List<KvEntry<String>> second = pollUntil(emissions, vb, 1);
		assertThat(second).containsExactly(new KvEntry<>(a, "A1", va), new KvEntry<>(b, "B1", vb));
		kv().delete(a);
		List<KvEntry<String>> third = pollUntil(emissions, null, 0);
		assertThat(third.get(0).exists()).isFalse();
		watch.cancel();
		assertThat(watch.isActive()).isFalse();
	}

	@Test
	default void watchingNoKeysEndsAtOnceWithoutEmission() throws Exception {
		// Deno: (await kv.watch([]).getReader().read()) is { done: true }, nothing emitted.
		int watchesBefore = counting().watches.get();
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription watch = kv().watch(List.of(), String.class, emissions::add);
		assertThat(watch.isActive()).isFalse();
		assertThat(emissions.poll(200, TimeUnit.MILLISECONDS)).isNull();
		assertThat(counting().watches.get()).as("no backend watch held open").isEqualTo(watchesBefore);
		watch.cancel();
	}

	@Test
	default void writesToOtherKeysEmitNothing() throws Exception {
		KvKey watched = KvKey.of("w", "watched");
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription watch = kv().watch(List.of(watched), String.class, emissions::add);
		poll(emissions);
		for (int i = 0; i < 5; i++) {
			kv().set(KvKey.of("w", "other", i), "noise");
		}
		Versionstamp v = kv().set(watched, "signal").versionstamp();
		List<KvEntry<String>> next = poll(emissions);
		assertThat(next.get(0).versionstamp()).as("no emission for the unrelated writes").isEqualTo(v);
		assertThat(emissions.poll(200, TimeUnit.MILLISECONDS)).isNull();
		watch.cancel();
	}

	@Test
	default void cancelledWatchDeliversNothingMore() throws Exception {
		KvKey key = KvKey.of("w", "c");
		AtomicInteger calls = new AtomicInteger();
		BlockingQueue<Boolean> first = new LinkedBlockingQueue<>();
		KvSubscription watch = kv().watch(List.of(key), String.class, (entries) -> {
			calls.incrementAndGet();
			first.add(true);
		});
		poll(first);
		watch.cancel();
		watch.cancel();
		kv().set(key, "after cancel");
		Thread.sleep(200);
		assertThat(calls.get()).isEqualTo(1);
	}

	@Test
	default void failingListenerDoesNotEndTheWatch() throws Exception {
		KvKey key = KvKey.of("w", "f");
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		AtomicInteger calls = new AtomicInteger();
		KvSubscription watch = kv().watch(List.of(key), String.class, (entries) -> {
			emissions.add(entries);
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("listener fails on purpose");
			}
		});
		poll(emissions);
		Versionstamp v = kv().set(key, "still watching").versionstamp();
		assertThat(pollUntil(emissions, v, 0).get(0).value()).isEqualTo("still watching");
		assertThat(watch.isActive()).isTrue();
		watch.cancel();
	}

	@Test
	default void atMostTenKeys() throws Exception {
		List<KvKey> keys = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			keys.add(KvKey.of("w", i));
		}
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription ten = kv().watch(keys, String.class, emissions::add);
		assertThat(poll(emissions)).hasSize(10);
		ten.cancel();
		keys.add(KvKey.of("w", 10));
		assertRejected(() -> kv().watch(keys, String.class, (e) -> {
		}), "Too many keys (max 10)");
		assertRejected(() -> kv().watch(List.of(KvKey.of("x".repeat(2048))), String.class, (e) -> {
		}), "Key too large for read (max 2049 bytes)");
	}

	@Test
	default void closingTheTemplateEndsItsWatches() throws Exception {
		KvTemplate other = kv((builder) -> {
		});
		BlockingQueue<List<KvEntry<String>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription watch = other.watch(Collections.singletonList(KvKey.of("w")), String.class, emissions::add);
		poll(emissions);
		other.close();
		await(() -> !watch.isActive());
	}

	/** Waits for the emission in which entry {@code index} has versionstamp {@code expected}. */
	private List<KvEntry<String>> pollUntil(BlockingQueue<List<KvEntry<String>>> emissions, Versionstamp expected,
			int index) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			List<KvEntry<String>> entries = poll(emissions);
			if (java.util.Objects.equals(entries.get(index).versionstamp(), expected)) {
				return entries;
			}
		}
		throw new AssertionError("no emission with versionstamp " + expected);
	}

}
