package dev.denokv.handler;

import java.util.HexFormat;

/**
 * One half-open range {@code [start, end)} of encoded keys to read, at most {@code limit} entries,
 * in ascending order, or descending when {@code reverse}. The bounds keep their meaning when
 * reversed. Arrays are not copied: do not modify them after handing them over.
 */
public record ReadRange(byte[] start, byte[] end, int limit, boolean reverse) {

	public ReadRange {
		if (start == null || end == null) {
			throw new IllegalArgumentException("start and end must not be null");
		}
		if (limit < 1) {
			throw new dev.denokv.error.KvInvalidArgumentException("limit must be greater than 0");
		}
	}

	/** The range of exactly one key: {@code [key, key ++ 00)}, limit 1. */
	public static ReadRange single(byte[] key) {
		byte[] end = java.util.Arrays.copyOf(key, key.length + 1);
		return new ReadRange(key, end, 1, false);
	}

	@Override
	public String toString() {
		HexFormat hex = HexFormat.of();
		return "ReadRange[" + hex.formatHex(this.start) + ", " + hex.formatHex(this.end) + ") limit=" + this.limit
				+ (this.reverse ? " reverse" : "");
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ReadRange r && java.util.Arrays.equals(this.start, r.start)
				&& java.util.Arrays.equals(this.end, r.end) && this.limit == r.limit && this.reverse == r.reverse;
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(this.start) * 31 + java.util.Arrays.hashCode(this.end) + this.limit;
	}

}
