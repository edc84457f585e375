package dev.denokv.key;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Selectors to byte ranges (kv-format.md §3.4), their validation, and cursors. */
class KvListSelectorTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final KvKey USERS = KvKey.of("users");

	@Test
	void selectorsMapToDenosByteRanges() {
		assertRange(KvListSelector.prefix(USERS), "027573657273 0000", "027573657273 00ff");
		assertRange(KvListSelector.prefix(KvKey.empty()), "00", "ff");
		assertRange(KvListSelector.prefixWithStart(USERS, USERS.append("m")), "027573657273 00 026d00",
				"027573657273 00ff");
		assertRange(KvListSelector.prefixWithEnd(USERS, USERS.append("m")), "027573657273 0000",
				"027573657273 00 026d00");
		assertRange(KvListSelector.range(KvKey.of("a"), KvKey.of("b")), "026100", "026200");
		assertRange(KvListSelector.range(KvKey.of("a"), KvKey.of("a")), "026100", "026100");
		assertThat(KeyRange.single(KvKey.of("a"))).isEqualTo(new KeyRange(HEX.parseHex("026100"), HEX.parseHex("02610000")));
	}

	@Test
	void invalidSelectorsGetDenosMessages() {
		assertRejected(() -> KvListSelector.prefixWithStart(USERS, USERS),
				"Start key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.prefixWithStart(USERS, KvKey.of("a")),
				"Start key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.prefixWithEnd(USERS, USERS), "End key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.prefixWithEnd(USERS, KvKey.of("zzz")),
				"End key is not in the keyspace defined by prefix");
		assertRejected(() -> KvListSelector.range(KvKey.of("b"), KvKey.of("a")), "Start key is greater than end key");
		assertRejected(() -> KvListSelector.of(USERS, USERS.append("a"), USERS.append("b")),
				"Selector can not specify both 'start' and 'end' key when specifying 'prefix'");
		assertRejected(() -> KvListSelector.of(null, KvKey.of("a"), null),
				"Selector must specify either 'prefix' or both 'start' and 'end' key");
		assertRejected(() -> KvListSelector.of(null, null, null),
				"Selector must specify either 'prefix' or both 'start' and 'end' key");
		// Deno checks byte prefixes, so ["users", "x"] is inside ["users"] but ["usersX"] is not.
		assertThat(KvListSelector.of(USERS, USERS.append("x"), null).startKey()).contains(USERS.append("x"));
		assertRejected(() -> KvListSelector.prefixWithStart(USERS, KvKey.of("usersX")),
				"Start key is not in the keyspace defined by prefix");
	}

	@Test
	void boundsAreSizeCheckedAsReadKeys() {
		KvKey p2048 = KvKey.of("x".repeat(2046));
		assertThat(KvListSelector.prefix(p2048).range().end()).hasSize(2049);
		KvKey p2049 = KvKey.of("x".repeat(2047));
		assertRejected(() -> KvListSelector.prefix(p2049).range(), "Key too large for read (max 2049 bytes)");
		assertRejected(() -> KvListSelector.range(KvKey.of("a"), KvKey.of("x".repeat(2048))).range(),
				"Key too large for read (max 2049 bytes)");
		assertRejected(() -> KeyRange.single(p2049), "Key too large for read (max 2049 bytes)");
		assertThat(KeyRange.single(p2048).end()).hasSize(2049);
	}

	@Test
	void boundsCanBeCheckedAgainstAnotherReadKeyLimit() {
		KvKey p2049 = KvKey.of("x".repeat(2047));
		assertThat(KvListSelector.prefix(p2049).range(4000).end()).hasSize(2050);
		assertThat(KvListSelector.prefix(p2049).resume(null, false, 4000).end()).hasSize(2050);
		assertRejected(() -> KvListSelector.prefix(KvKey.of("x".repeat(98))).range(100),
				"Key too large for read (max 100 bytes)");
		KvListSelector selector = KvListSelector.prefix(KvKey.of("x".repeat(90)));
		String cursor = selector.cursorFor(KvKey.of("x".repeat(90), "y".repeat(20)));
		assertRejected(() -> selector.resume(cursor, false, 100), "Key too large for read (max 100 bytes)");
	}

	@Test
	void specCursorExample() {
		KvListSelector users = KvListSelector.prefix(USERS);
		String cursor = users.cursorFor(KvKey.of("users", "alice"));
		assertThat(cursor).isEqualTo("AmFsaWNlAA==");
		KeyRange next = users.resume(cursor, false);
		assertThat(HEX.formatHex(next.start())).isEqualTo("0275736572730002616c6963650000");
		assertThat(HEX.formatHex(next.end())).isEqualTo("02757365727300ff");
		KeyRange previous = users.resume(cursor, true);
		assertThat(HEX.formatHex(previous.start())).isEqualTo("02757365727300" + "00");
		assertThat(HEX.formatHex(previous.end())).isEqualTo("0275736572730002616c69636500");
		assertThat(users.cursorFor(KvKey.of("users", "alice").encode())).isEqualTo(cursor);
	}

	@Test
	void cursorsAreUrlSafeBase64WithPaddingOfTheKeyWithoutTheCommonPrefix() {
		KvListSelector range = KvListSelector.range(KvKey.of("users", "bob"), KvKey.of("users", "carol"));
		// Common prefix of 02 users 00 02 62.. and 02 users 00 02 63..: "02 users 00 02".
		assertThat(range.cursorFor(KvKey.of("users", "bob"))).isEqualTo("Ym9iAA==");
		assertThat(KvListSelector.prefix(KvKey.empty()).cursorFor(KvKey.of((Object) new byte[] { 0, (byte) 0xff })))
			.isEqualTo("AQD__wA=");
		assertThat(KvListSelector.prefix(KvKey.of("n")).cursorFor(KvKey.of("n", 1))).isEqualTo("Ib_wAAAAAAAA");
		assertRejected(() -> KvListSelector.prefix(USERS).cursorFor(KvKey.of("other")), "Invalid boundary key");
		assertRejected(() -> range.cursorFor(KvKey.of("a")), "Invalid boundary key");
	}

	@Test
	void malformedAndForgedCursorsAreRejectedLikeDeno() {
		KvListSelector users = KvListSelector.prefix(USERS);
		for (String bad : new String[] { "AmFsaWNlAA", "Am+/aWNlAA==", "AmFsaWNlAB==", "!!!!", "A===", "AmFsaWNlAA==\n",
				"AmFs aWNlAA==", "=AAA" }) {
			assertRejected(() -> users.resume(bad, false), "invalid cursor");
		}
		assertThat(users.resume("", false)).isEqualTo(users.range());
		assertThat(users.resume(null, true)).isEqualTo(users.range());
		assertRejected(() -> KvListSelector.prefixWithStart(USERS, USERS.append("bob")).resume("AmFsaWNlAA==", false),
				"cursor out of bounds");
		assertRejected(() -> KvListSelector.prefixWithEnd(USERS, USERS.append("bob")).resume("AmNhcm9sAA==", true),
				"cursor out of bounds");
		assertThat(KvListSelector.prefixWithEnd(USERS, USERS.append("bob")).resume("AmNhcm9sAA==", false).end())
			.isEqualTo(USERS.append("bob").encode());
		assertRejected(() -> KvListSelector.range(KvKey.of("users", "bob"), KvKey.of("users", "carol"))
			.resume("YWxpY2UA", false), "cursor out of bounds");
		// Deno does not bound-check a plain prefix selector: the range is simply empty.
		KeyRange unchecked = users.resume("_w==", false);
		assertThat(KeyCodec.ORDER.compare(unchecked.start(), unchecked.end())).isPositive();
	}

	@Test
	void pagingWithCursorsVisitsEveryKeyOnceForwardAndReverse() {
		NavigableSet<byte[]> store = new TreeSet<>(KeyCodec.ORDER);
		RandomKeys random = new RandomKeys(5);
		List<KvKey> prefixes = List.of(KvKey.empty(), USERS, KvKey.of("users", "a"), KvKey.of(1), KvKey.of(true));
		for (int i = 0; i < 2000; i++) {
			KvKey p = prefixes.get(i % prefixes.size());
			store.add(p.append(random.part()).append(random.key().parts().toArray()).encode());
			store.add(p.encode());
		}
		store.remove(new byte[0]);
		List<KvListSelector> selectors = new ArrayList<>();
		for (KvKey p : prefixes) {
			selectors.add(KvListSelector.prefix(p));
		}
		selectors.add(KvListSelector.prefixWithStart(USERS, USERS.append("a")));
		selectors.add(KvListSelector.prefixWithEnd(USERS, USERS.append("m", 2)));
		selectors.add(KvListSelector.range(KvKey.of("users", "a"), KvKey.of(1.5)));
		selectors.add(KvListSelector.range(KvKey.of(-5), KvKey.of(true, "x")));
		for (KvListSelector selector : selectors) {
			for (boolean reverse : new boolean[] { false, true }) {
				List<byte[]> all = read(store, selector.range(), Integer.MAX_VALUE, reverse);
				for (int pageSize : new int[] { 1, 3, 50 }) {
					List<byte[]> paged = new ArrayList<>();
					String cursor = null;
					for (int guard = 0; guard <= all.size(); guard++) {
						List<byte[]> page = read(store, selector.resume(cursor, reverse), pageSize, reverse);
						paged.addAll(page);
						if (page.size() < pageSize) {
							break;
						}
						cursor = selector.cursorFor(page.get(page.size() - 1));
					}
					assertThat(paged).as("%s reverse=%s page=%d", selector, reverse, pageSize).containsExactlyElementsOf(all);
				}
			}
		}
	}

	private static List<byte[]> read(NavigableSet<byte[]> store, KeyRange range, int limit, boolean reverse) {
		if (KeyCodec.ORDER.compare(range.start(), range.end()) >= 0) {
			return List.of();
		}
		NavigableSet<byte[]> sub = store.subSet(range.start(), true, range.end(), false);
		return (reverse ? sub.descendingSet() : sub).stream().limit(limit).toList();
	}

	private static void assertRange(KvListSelector selector, String start, String end) {
		KeyRange range = selector.range();
		assertThat(HEX.formatHex(range.start())).isEqualTo(start.replace(" ", ""));
		assertThat(HEX.formatHex(range.end())).isEqualTo(end.replace(" ", ""));
	}

	private static void assertRejected(Runnable action, String message) {
		assertThatThrownBy(action::run).isInstanceOf(KvInvalidArgumentException.class).hasMessage(message);
	}

}
