package dev.denokv.key;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * What {@code kv.list(selector)} reads, mapped to byte ranges exactly as Deno does
 * ({@code ext/kv/lib.rs}, kv-format.md §3.4), with Deno's validation messages and Deno's cursors.
 *
 * <ul>
 * <li>{@link #prefix(KvKey)}: {@code [P ++ 00, P ++ ff)}, every key below the prefix but not the
 * prefix itself;</li>
 * <li>{@link #prefixWithStart(KvKey, KvKey)}: {@code [S, P ++ ff)};</li>
 * <li>{@link #prefixWithEnd(KvKey, KvKey)}: {@code [P ++ 00, E)};</li>
 * <li>{@link #range(KvKey, KvKey)}: {@code [S, E)}.</li>
 * </ul>
 *
 * <p>A cursor is the URL-safe Base64 (with padding) of the last returned key without the
 * selector's common prefix, so cursors made by Deno resume here and vice versa.
 *
 * <p>Immutable and thread-safe.
 */
public final class KvListSelector {

	static final String START_NOT_IN_PREFIX = "Start key is not in the keyspace defined by prefix";

	static final String END_NOT_IN_PREFIX = "End key is not in the keyspace defined by prefix";

	static final String START_AFTER_END = "Start key is greater than end key";

	static final String PREFIX_WITH_START_AND_END = "Selector can not specify both 'start' and 'end' key when specifying 'prefix'";

	static final String NEITHER_PREFIX_NOR_RANGE = "Selector must specify either 'prefix' or both 'start' and 'end' key";

	static final String INVALID_BOUNDARY_KEY = "Invalid boundary key";

	static final String CURSOR_OUT_OF_BOUNDS = "cursor out of bounds";

	private final KvKey prefix;

	private final KvKey start;

	private final KvKey end;

	/** Common prefix of every key the selector can return: {@code P}, or the common bytes of S and E. */
	private final byte[] commonPrefix;

	private KvListSelector(KvKey prefix, KvKey start, KvKey end) {
		this.prefix = prefix;
		this.start = start;
		this.end = end;
		this.commonPrefix = (prefix != null) ? prefix.encodedView()
				: commonPrefix(start.encodedView(), end.encodedView());
	}

	/** {@code list({ prefix })}. The empty key selects the whole keyspace. */
	public static KvListSelector prefix(KvKey prefix) {
		return new KvListSelector(Objects.requireNonNull(prefix, "prefix"), null, null);
	}

	/**
	 * {@code list({ prefix, start })}.
	 * @throws KvInvalidArgumentException {@code "Start key is not in the keyspace defined by prefix"}
	 * unless the encoded start extends the encoded prefix
	 */
	public static KvListSelector prefixWithStart(KvKey prefix, KvKey start) {
		Objects.requireNonNull(prefix, "prefix");
		Objects.requireNonNull(start, "start");
		if (!extendsStrictly(start.encodedView(), prefix.encodedView())) {
			throw new KvInvalidArgumentException(START_NOT_IN_PREFIX);
		}
		return new KvListSelector(prefix, start, null);
	}

	/**
	 * {@code list({ prefix, end })}.
	 * @throws KvInvalidArgumentException {@code "End key is not in the keyspace defined by prefix"}
	 * unless the encoded end extends the encoded prefix
	 */
	public static KvListSelector prefixWithEnd(KvKey prefix, KvKey end) {
		Objects.requireNonNull(prefix, "prefix");
		Objects.requireNonNull(end, "end");
		if (!extendsStrictly(end.encodedView(), prefix.encodedView())) {
			throw new KvInvalidArgumentException(END_NOT_IN_PREFIX);
		}
		return new KvListSelector(prefix, null, end);
	}

	/**
	 * {@code list({ start, end })}.
	 * @throws KvInvalidArgumentException {@code "Start key is greater than end key"}
	 */
	public static KvListSelector range(KvKey start, KvKey end) {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (start.compareTo(end) > 0) {
			throw new KvInvalidArgumentException(START_AFTER_END);
		}
		return new KvListSelector(null, start, end);
	}

	/**
	 * A selector from optional parts, validated like Deno's JS {@code KvListIterator} (for callers
	 * that map a JS-style selector object, where any of the three may be absent).
	 */
	public static KvListSelector of(KvKey prefix, KvKey start, KvKey end) {
		if (prefix != null) {
			if (start != null && end != null) {
				throw new KvInvalidArgumentException(PREFIX_WITH_START_AND_END);
			}
			return (start != null) ? prefixWithStart(prefix, start)
					: (end != null) ? prefixWithEnd(prefix, end) : prefix(prefix);
		}
		if (start != null && end != null) {
			return range(start, end);
		}
		throw new KvInvalidArgumentException(NEITHER_PREFIX_NOR_RANGE);
	}

	public Optional<KvKey> prefixKey() {
		return Optional.ofNullable(this.prefix);
	}

	public Optional<KvKey> startKey() {
		return Optional.ofNullable(this.start);
	}

	public Optional<KvKey> endKey() {
		return Optional.ofNullable(this.end);
	}

	/**
	 * The byte range of the whole selector, its bounds checked against Deno's 2049 bytes.
	 * @throws KvInvalidArgumentException {@code "Key too large for read (max 2049 bytes)"}
	 */
	public KeyRange range() {
		return range(KeyLimits.MAX_READ_KEY_BYTES);
	}

	/**
	 * {@link #range()} with another read key limit, such as a template's
	 * {@code KvLimits.maxReadKeySize()}.
	 * @throws KvInvalidArgumentException {@code "Key too large for read (max <maxReadKeyBytes> bytes)"}
	 */
	public KeyRange range(int maxReadKeyBytes) {
		return checked(rangeStart(), rangeEnd(), maxReadKeyBytes);
	}

	/**
	 * The cursor Deno returns after {@code lastReturnedKey} (an encoded key this selector returned).
	 * @throws KvInvalidArgumentException {@code "Invalid boundary key"} when the key does not start
	 * with the selector's common prefix
	 */
	public String cursorFor(byte[] lastReturnedKey) {
		if (!startsWith(lastReturnedKey, this.commonPrefix)) {
			throw new KvInvalidArgumentException(INVALID_BOUNDARY_KEY);
		}
		return ListCursor.encode(Arrays.copyOfRange(lastReturnedKey, this.commonPrefix.length, lastReturnedKey.length));
	}

	/** {@link #cursorFor(byte[])} for a key. */
	public String cursorFor(KvKey lastReturnedKey) {
		return cursorFor(lastReturnedKey.encodedView());
	}

	/**
	 * The byte range that continues a listing after {@code cursor}: forward from just after the
	 * cursor key, or (reverse) up to just before it. A {@code null} or empty cursor means "from the
	 * beginning", as in Deno's JS API.
	 * @throws KvInvalidArgumentException {@code "invalid cursor"}, {@code "cursor out of bounds"}
	 * or {@code "Key too large for read (max 2049 bytes)"}
	 */
	public KeyRange resume(String cursor, boolean reverse) {
		return resume(cursor, reverse, KeyLimits.MAX_READ_KEY_BYTES);
	}

	/**
	 * {@link #resume(String, boolean)} with another read key limit, such as a template's
	 * {@code KvLimits.maxReadKeySize()}.
	 */
	public KeyRange resume(String cursor, boolean reverse, int maxReadKeyBytes) {
		if (cursor == null || cursor.isEmpty()) {
			return range(maxReadKeyBytes);
		}
		byte[] suffix = ListCursor.decode(cursor);
		byte[] first;
		byte[] last;
		if (reverse) {
			first = rangeStart();
			last = concat(this.commonPrefix, suffix, -1);
		}
		else {
			first = concat(this.commonPrefix, suffix, 0x00);
			last = rangeEnd();
		}
		// Deno's defence against reading outside the selector with a forged cursor.
		if (this.start != null && Arrays.compareUnsigned(first, this.start.encodedView()) < 0) {
			throw new KvInvalidArgumentException(CURSOR_OUT_OF_BOUNDS);
		}
		if (this.end != null && Arrays.compareUnsigned(last, this.end.encodedView()) > 0) {
			throw new KvInvalidArgumentException(CURSOR_OUT_OF_BOUNDS);
		}
		return checked(first, last, maxReadKeyBytes);
	}

	private byte[] rangeStart() {
		return (this.start != null) ? this.start.encode() : concat(this.prefix.encodedView(), new byte[0], 0x00);
	}

	private byte[] rangeEnd() {
		return (this.end != null) ? this.end.encode() : concat(this.prefix.encodedView(), new byte[0], 0xff);
	}

	private static KeyRange checked(byte[] start, byte[] end, int maxReadKeyBytes) {
		return new KeyRange(KeyLimits.checkReadKey(start, maxReadKeyBytes), KeyLimits.checkReadKey(end, maxReadKeyBytes));
	}

	/** {@code a ++ b}, then {@code last} unless it is negative. */
	private static byte[] concat(byte[] a, byte[] b, int last) {
		byte[] out = Arrays.copyOf(a, a.length + b.length + ((last >= 0) ? 1 : 0));
		System.arraycopy(b, 0, out, a.length, b.length);
		if (last >= 0) {
			out[out.length - 1] = (byte) last;
		}
		return out;
	}

	private static boolean startsWith(byte[] key, byte[] prefix) {
		return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static boolean extendsStrictly(byte[] key, byte[] prefix) {
		return key.length > prefix.length && startsWith(key, prefix);
	}

	private static byte[] commonPrefix(byte[] a, byte[] b) {
		int mismatch = Arrays.mismatch(a, b);
		return (mismatch < 0) ? a : Arrays.copyOf(a, mismatch);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof KvListSelector other && Objects.equals(this.prefix, other.prefix)
				&& Objects.equals(this.start, other.start) && Objects.equals(this.end, other.end);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.prefix, this.start, this.end);
	}

	/** Like the JS selector object, e.g. {@code { prefix: [ "users" ], start: [ "users", "m" ] }}. */
	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("{ ");
		String sep = "";
		if (this.prefix != null) {
			sb.append("prefix: ").append(this.prefix);
			sep = ", ";
		}
		if (this.start != null) {
			sb.append(sep).append("start: ").append(this.start);
			sep = ", ";
		}
		if (this.end != null) {
			sb.append(sep).append("end: ").append(this.end);
		}
		return sb.append(" }").toString();
	}

}
