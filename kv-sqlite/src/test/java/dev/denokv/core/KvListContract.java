package dev.denokv.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.denokv.handler.Consistency;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** list: selectors, options, laziness, cursors and their errors. */
public interface KvListContract extends KvTemplateContract {

	/** Writes {@code ["l", 0..n-1]} with values {@code "v<i>"}, and keys around it that must not show up. */
	private void fill(int n) {
		kv().set(KvKey.of("l"), "the prefix itself");
		kv().set(KvKey.of("k", 0), "before");
		kv().set(KvKey.of("m", 0), "after");
		for (int i = 0; i < n; i++) {
			kv().set(KvKey.of("l", i), "v" + i);
		}
	}

	private static List<Object> lastParts(List<KvEntry<String>> entries) {
		return entries.stream().map((e) -> e.key().part(e.key().size() - 1)).collect(Collectors.toList());
	}

	@Test
	default void prefixListsKeysUnderThePrefixInKeyOrder() {
		fill(5);
		List<KvEntry<String>> entries = kv().list(KvListSelector.prefix(KvKey.of("l")), String.class).toList();
		assertThat(lastParts(entries)).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
		assertThat(entries.get(2).value()).isEqualTo("v2");
		assertThat(entries.get(2).versionstamp()).isEqualTo(kv().get(KvKey.of("l", 2), String.class).versionstamp());
	}

	@Test
	default void emptyPrefixListsEverything() {
		fill(2);
		assertThat(kv().list(KvListSelector.prefix(KvKey.empty()), String.class).toList()).hasSize(5);
	}

	@Test
	default void startAndEndSelectors() {
		fill(6);
		KvKey prefix = KvKey.of("l");
		assertThat(lastParts(kv().list(KvListSelector.prefixWithStart(prefix, KvKey.of("l", 3)), String.class)
			.toList())).containsExactly(3.0, 4.0, 5.0);
		assertThat(lastParts(kv().list(KvListSelector.prefixWithEnd(prefix, KvKey.of("l", 2)), String.class)
			.toList())).containsExactly(0.0, 1.0);
		assertThat(lastParts(kv().list(KvListSelector.range(KvKey.of("l", 1), KvKey.of("l", 4)), String.class)
			.toList())).containsExactly(1.0, 2.0, 3.0);
		assertThat(kv().list(KvListSelector.range(KvKey.of("l", 1), KvKey.of("l", 1)), String.class).toList())
			.isEmpty();
	}

	@Test
	default void selectorErrorsHaveDenosMessages() {
		assertRejected(() -> KvListSelector.prefixWithStart(KvKey.of("l"), KvKey.of("l")),
				"Start key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.prefixWithEnd(KvKey.of("l"), KvKey.of("x", 1)),
				"End key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.range(KvKey.of("b"), KvKey.of("a")), "Start key is greater than end key");
	}

	@Test
	default void reverseAndLimit() {
		fill(6);
		KvListOptions options = KvListOptions.defaults().reverse(true).limit(2);
		assertThat(lastParts(kv().list(KvListSelector.prefix(KvKey.of("l")), String.class, options).toList()))
			.containsExactly(5.0, 4.0);
		assertThat(lastParts(kv().list(KvListSelector.prefix(KvKey.of("l")), String.class,
				KvListOptions.defaults().limit(3)).toList())).containsExactly(0.0, 1.0, 2.0);
	}

	@Test
	default void batchesAreReadOnDemand() {
		fill(7);
		int before = counting().reads.get();
		KvListIterator<String> it = kv().list(KvListSelector.prefix(KvKey.of("l")), String.class,
				KvListOptions.defaults().batchSize(3));
		assertThat(counting().reads.get()).as("no read before the first entry is asked for").isEqualTo(before);
		it.next();
		assertThat(counting().reads.get()).isEqualTo(before + 1);
		it.next();
		it.next();
		assertThat(counting().reads.get()).isEqualTo(before + 1);
		assertThat(it.next().value()).isEqualTo("v3");
		assertThat(counting().reads.get()).isEqualTo(before + 2);
		assertThat(it.stream().map(KvEntry::value)).containsExactly("v4", "v5", "v6");
		assertThat(counting().reads.get()).as("batches of 3, 3, 1: the short one is the last")
			.isEqualTo(before + 3);
	}

	@Test
	default void cursorPagesForwardAndBackward() {
		fill(7);
		KvListSelector selector = KvListSelector.prefix(KvKey.of("l"));
		for (boolean reverse : new boolean[] { false, true }) {
			List<Object> all = new ArrayList<>();
			String cursor = null;
			for (int page = 0; page < 10; page++) {
				KvPage<String> p = kv().listPage(selector, String.class,
						KvListOptions.defaults().limit(3).reverse(reverse).cursor(cursor));
				all.addAll(lastParts(p.entries()));
				if (!p.hasMore()) {
					break;
				}
				cursor = p.cursor();
			}
			List<Object> expected = List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
			assertThat(all).containsExactlyElementsOf(
					reverse ? expected.stream().sorted((a, b) -> Double.compare((Double) b, (Double) a)).toList()
							: expected);
		}
	}

	@Test
	default void cursorFollowsDenosRules() {
		kv().set(KvKey.of("a", "b"), "x");
		kv().set(KvKey.of("a", "c"), "y");
		KvListIterator<String> it = kv().list(KvListSelector.prefix(KvKey.of("a")), String.class);
		assertThatThrownBy(it::cursor).isInstanceOf(IllegalStateException.class)
			.hasMessage("Cannot get cursor before first iteration");
		it.next();
		// Pinned in Deno's kv_test.ts: prefix ["a"], last key ["a", "b"].
		assertThat(it.cursor()).isEqualTo("AmIA");
		it.next();
		assertThat(it.hasNext()).isFalse();
		assertThat(it.cursor()).isEmpty();
		KvListIterator<String> resumed = kv().list(KvListSelector.prefix(KvKey.of("a")), String.class,
				KvListOptions.defaults().cursor("AmIA"));
		assertThat(resumed.cursor()).isEqualTo("AmIA");
		assertThat(resumed.next().value()).isEqualTo("y");
	}

	@Test
	default void cursorOfARangeSelectorIsRelativeToTheCommonPrefix() {
		fill(4);
		KvListSelector selector = KvListSelector.range(KvKey.of("l", 1), KvKey.of("l", 3));
		KvListIterator<String> it = kv().list(selector, String.class, KvListOptions.defaults().limit(1));
		it.next();
		KvListIterator<String> rest = kv().list(selector, String.class, KvListOptions.defaults().cursor(it.cursor()));
		assertThat(rest.toList()).extracting(KvEntry::value).containsExactly("v2");
	}

	@Test
	default void badCursorsAndBatchSizesAreRejectedBeforeAnyRead() {
		KvListSelector prefix = KvListSelector.prefix(KvKey.of("l"));
		assertRejected(() -> kv().list(prefix, String.class, KvListOptions.defaults().cursor("not base64!")),
				"invalid cursor");
		// The range selector's keys share "02 6c 00 21"; this cursor points below its start.
		KvListSelector range = KvListSelector.range(KvKey.of("l", 5), KvKey.of("l", 9));
		assertRejected(() -> kv().list(range, String.class, KvListOptions.defaults().cursor("AAAAAAAAAAA=")),
				"cursor out of bounds");
		assertRejected(() -> kv().list(prefix, String.class, KvListOptions.defaults().batchSize(1001)),
				"Too many entries (max 1000)");
		kv().list(prefix, String.class, KvListOptions.defaults().batchSize(1000)).toList();
	}

	@Test
	default void listErrorsComeInDenosOrder() {
		// Deno 2.9.5 parses the cursor, then checks the range's key sizes, then the batch size.
		KvListSelector prefix = KvListSelector.prefix(KvKey.of("l"));
		KvListSelector tooLong = KvListSelector.prefix(KvKey.of("l", "x".repeat(3000)));
		assertRejected(() -> kv().list(prefix, String.class, KvListOptions.defaults().cursor("!!!").batchSize(2000)),
				"invalid cursor");
		assertRejected(() -> kv().list(tooLong, String.class, KvListOptions.defaults().cursor("!!!")),
				"invalid cursor");
		assertRejected(() -> kv().list(tooLong, String.class, KvListOptions.defaults().batchSize(2000)),
				"Key too large for read (max 2049 bytes)");
	}

	@Test
	default void eventualConsistencyLists() {
		fill(2);
		assertThat(kv().list(KvListSelector.prefix(KvKey.of("l")), String.class,
				KvListOptions.defaults().consistency(Consistency.EVENTUAL)).toList()).hasSize(2);
	}

	@Test
	default void pageNeedsALimit() {
		assertRejected(() -> kv().listPage(KvListSelector.prefix(KvKey.of("l")), String.class,
				KvListOptions.defaults()), "A page needs a limit");
	}

}
