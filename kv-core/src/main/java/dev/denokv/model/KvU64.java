package dev.denokv.model;

import java.math.BigInteger;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * An unsigned 64-bit integer, Deno's {@code Deno.KvU64}. Stored with the LE64 encoding and the
 * operand of the {@code sum}, {@code min} and {@code max} mutations. Immutable and thread-safe.
 */
public final class KvU64 implements Comparable<KvU64> {

	/** 2^64 - 1. */
	public static final BigInteger MAX_VALUE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

	private final long bits;

	private KvU64(long bits) {
		this.bits = bits;
	}

	/** A value in 0..2^64-1, rejected otherwise with Deno's messages. */
	public static KvU64 of(BigInteger value) {
		if (value == null) {
			throw new KvInvalidArgumentException("Value must be a bigint: received null");
		}
		if (value.signum() < 0) {
			throw new KvInvalidArgumentException("Value must be a positive bigint: received " + value);
		}
		if (value.compareTo(MAX_VALUE) > 0) {
			throw new KvInvalidArgumentException("Value must fit in a 64-bit unsigned integer");
		}
		return new KvU64(value.longValue());
	}

	/** A non-negative value; negative numbers are rejected (use {@link #ofBits} for raw bits). */
	public static KvU64 of(long value) {
		if (value < 0) {
			throw new KvInvalidArgumentException("Value must be a positive bigint: received " + value);
		}
		return new KvU64(value);
	}

	/** Interprets the 64 bits as unsigned (so {@code -1L} is 2^64-1). */
	public static KvU64 ofBits(long bits) {
		return new KvU64(bits);
	}

	/** Decodes the 8 little-endian bytes of the LE64 encoding. */
	public static KvU64 fromLittleEndian(byte[] data) {
		if (data == null || data.length != 8) {
			throw new KvInvalidArgumentException("Invalid KvU64 value: expected 8 bytes");
		}
		long v = 0;
		for (int i = 7; i >= 0; i--) {
			v = (v << 8) | (data[i] & 0xff);
		}
		return new KvU64(v);
	}

	/** The 8 little-endian bytes of the LE64 encoding. */
	public byte[] toLittleEndian() {
		byte[] out = new byte[8];
		long v = this.bits;
		for (int i = 0; i < 8; i++) {
			out[i] = (byte) v;
			v >>>= 8;
		}
		return out;
	}

	/** The raw 64 bits (negative when the value is 2^63 or more). */
	public long bits() {
		return this.bits;
	}

	public BigInteger value() {
		BigInteger v = BigInteger.valueOf(this.bits);
		return (this.bits >= 0) ? v : v.add(BigInteger.ONE.shiftLeft(64));
	}

	@Override
	public int compareTo(KvU64 other) {
		return Long.compareUnsigned(this.bits, other.bits);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof KvU64 other && this.bits == other.bits;
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.bits);
	}

	/** Like Deno: {@code 42n}. */
	@Override
	public String toString() {
		return Long.toUnsignedString(this.bits) + "n";
	}

}
