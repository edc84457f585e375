package dev.denokv.model;

import java.util.Arrays;
import java.util.HexFormat;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The 10-byte commit version of a key, printed and parsed as 20 lowercase hex characters like
 * Deno's versionstamp strings. Versionstamps compare in commit order (unsigned bytewise).
 * Immutable and thread-safe.
 */
public final class Versionstamp implements Comparable<Versionstamp> {

	/** Length of a versionstamp in bytes. */
	public static final int LENGTH = 10;

	private static final HexFormat HEX = HexFormat.of();

	private final byte[] bytes;

	private Versionstamp(byte[] bytes) {
		this.bytes = bytes;
	}

	/** Wraps a copy of exactly 10 bytes. */
	public static Versionstamp of(byte[] bytes) {
		if (bytes == null || bytes.length != LENGTH) {
			throw new KvInvalidArgumentException("invalid versionstamp");
		}
		return new Versionstamp(bytes.clone());
	}

	/**
	 * Parses 20 hex characters ({@code "00000000000000050000"}). Deno accepts exactly 20 hex
	 * characters; anything else is rejected.
	 */
	public static Versionstamp parse(String hex) {
		if (hex == null || hex.length() != 2 * LENGTH) {
			throw new KvInvalidArgumentException("invalid versionstamp");
		}
		try {
			return new Versionstamp(HEX.parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			throw new KvInvalidArgumentException("invalid versionstamp", ex);
		}
	}

	/**
	 * The versionstamp of the SQLite backend: the commit counter as 8 big-endian bytes followed by
	 * {@code 00 00} (kv-format.md §5).
	 */
	public static Versionstamp ofVersion(long version) {
		byte[] b = new byte[LENGTH];
		for (int i = 7; i >= 0; i--) {
			b[i] = (byte) version;
			version >>>= 8;
		}
		return new Versionstamp(b);
	}

	/** The first 8 bytes as a big-endian counter (the SQLite backend's {@code version}). */
	public long version() {
		long v = 0;
		for (int i = 0; i < 8; i++) {
			v = (v << 8) | (this.bytes[i] & 0xff);
		}
		return v;
	}

	/** A copy of the 10 bytes. */
	public byte[] toBytes() {
		return this.bytes.clone();
	}

	@Override
	public int compareTo(Versionstamp other) {
		return Arrays.compareUnsigned(this.bytes, other.bytes);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Versionstamp other && Arrays.equals(this.bytes, other.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	/** 20 lowercase hex characters, as Deno prints it. */
	@Override
	public String toString() {
		return HEX.formatHex(this.bytes);
	}

}
