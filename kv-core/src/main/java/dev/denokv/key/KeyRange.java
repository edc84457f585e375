package dev.denokv.key;

import java.util.Arrays;
import java.util.HexFormat;

import dev.denokv.handler.ReadRange;

/**
 * A half-open range {@code [start, end)} of encoded keys, as a list selector maps to. The arrays
 * are handed over, not copied (like {@link ReadRange}): the factories in this package always
 * create fresh ones, so the receiver owns them.
 */
public record KeyRange(byte[] start, byte[] end) {

	public KeyRange {
		if (start == null || end == null) {
			throw new IllegalArgumentException("start and end must not be null");
		}
	}

	/**
	 * The range of exactly one key, {@code [k, k ++ 00)}, as Deno reads {@code get(k)}; size-checked
	 * as a read key (2049 bytes).
	 */
	public static KeyRange single(KvKey key) {
		byte[] start = KeyLimits.checkReadKey(key.encode());
		return new KeyRange(start, KeyLimits.checkReadKey(Arrays.copyOf(start, start.length + 1)));
	}

	/** This range as a read of at most {@code limit} entries. */
	public ReadRange toReadRange(int limit, boolean reverse) {
		return new ReadRange(this.start, this.end, limit, reverse);
	}

	/** Whether an encoded key lies in {@code [start, end)}. */
	public boolean contains(byte[] key) {
		return Arrays.compareUnsigned(this.start, key) <= 0 && Arrays.compareUnsigned(key, this.end) < 0;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof KeyRange r && Arrays.equals(this.start, r.start) && Arrays.equals(this.end, r.end);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.start) * 31 + Arrays.hashCode(this.end);
	}

	@Override
	public String toString() {
		HexFormat hex = HexFormat.of();
		return "KeyRange[" + hex.formatHex(this.start) + ", " + hex.formatHex(this.end) + ")";
	}

}
