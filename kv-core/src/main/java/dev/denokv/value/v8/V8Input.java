package dev.denokv.value.v8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over the serialized bytes: varints, doubles, bigints and strings. Every
 * length is checked against the bytes that remain before anything is allocated, so malformed
 * input fails with {@link V8DecodeException} instead of an OutOfMemoryError or an
 * IndexOutOfBoundsException. A final class over a plain array, so the JIT inlines it.
 */
final class V8Input {

	private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	final byte[] buf;

	final int start;

	final int end;

	int pos;

	V8Input(byte[] buf, int start, int end) {
		this.buf = buf;
		this.start = start;
		this.end = end;
		this.pos = start;
	}

	V8DecodeException error(String reason) {
		return new V8DecodeException("Invalid V8 value at offset " + (this.pos - this.start) + ": " + reason);
	}

	int remaining() {
		return this.end - this.pos;
	}

	int readByte() {
		if (this.pos >= this.end) {
			throw error("unexpected end of data");
		}
		return this.buf[this.pos++] & 0xFF;
	}

	/** The next tag after any padding bytes, without consuming it; -1 at the end. */
	int peekTag() {
		while (this.pos < this.end && this.buf[this.pos] == 0) {
			this.pos++;
		}
		return (this.pos < this.end) ? this.buf[this.pos] & 0xFF : -1;
	}

	/** The next tag, skipping padding. */
	int readTag() {
		int tag = peekTag();
		if (tag < 0) {
			throw error("unexpected end of data");
		}
		this.pos++;
		return tag;
	}

	/** An unsigned 32-bit varint, as an int (values of 2^31 and up are negative). */
	int readVarint32() {
		int result = 0;
		for (int shift = 0; shift < 28; shift += 7) {
			if (this.pos >= this.end) {
				throw error("unexpected end of data in a varint");
			}
			byte b = this.buf[this.pos++];
			result |= (b & 0x7F) << shift;
			if (b >= 0) {
				return result;
			}
		}
		int b = readByte();
		if (b > 0x0F) {
			throw error("varint does not fit in 32 bits");
		}
		return result | (b << 28);
	}

	/** An unsigned 64-bit varint; values above 2^63-1 are rejected. */
	long readVarint64() {
		long result = 0;
		for (int shift = 0; shift < 63; shift += 7) {
			int b = readByte();
			result |= (long) (b & 0x7F) << shift;
			if (b < 0x80) {
				return result;
			}
		}
		throw error("varint does not fit in 63 bits");
	}

	/** A byte count that must fit in the remaining input. */
	int readLength(boolean wide) {
		long length = wide ? readVarint64() : (readVarint32() & 0xFFFF_FFFFL);
		if (length > remaining()) {
			throw error("length " + length + " exceeds the " + remaining() + " bytes left");
		}
		return (int) length;
	}

	/** A count or size that must fit in an int (but need not fit in the remaining input). */
	long readUint32() {
		return readVarint32() & 0xFFFF_FFFFL;
	}

	int readZigZag32() {
		int u = readVarint32();
		return (u >>> 1) ^ -(u & 1);
	}

	double readDouble() {
		if (remaining() < 8) {
			throw error("unexpected end of data in a double");
		}
		double d = Double.longBitsToDouble((long) LONG_LE.get(this.buf, this.pos));
		this.pos += 8;
		// V8 replaces every NaN bit pattern with its canonical quiet NaN.
		return (d != d) ? Double.NaN : d;
	}

	BigInteger readBigIntPayload() {
		long bitfield = readUint32();
		int length = (int) Math.min(bitfield >>> 1, Integer.MAX_VALUE);
		boolean negative = (bitfield & 1) != 0;
		if (length == 0) {
			if (negative) {
				throw error("negative zero bigint");
			}
			return BigInteger.ZERO;
		}
		if (length > remaining()) {
			throw error("bigint length " + length + " exceeds the " + remaining() + " bytes left");
		}
		byte[] magnitude = new byte[length];
		for (int i = 0; i < length; i++) {
			magnitude[length - 1 - i] = this.buf[this.pos + i];
		}
		this.pos += length;
		BigInteger value = new BigInteger(1, magnitude);
		return negative ? value.negate() : value;
	}

	String readOneByteString() {
		int length = readLength(false);
		String s = new String(this.buf, this.pos, length, StandardCharsets.ISO_8859_1);
		this.pos += length;
		return s;
	}

	String readTwoByteString() {
		int length = readLength(false);
		if ((length & 1) != 0) {
			throw error("odd byte length " + length + " of a two-byte string");
		}
		// Copied unit by unit: a charset decoder would replace lone surrogates.
		char[] chars = new char[length >> 1];
		for (int i = 0, p = this.pos; i < chars.length; i++, p += 2) {
			chars[i] = (char) ((this.buf[p] & 0xFF) | (this.buf[p + 1] << 8));
		}
		this.pos += length;
		return new String(chars);
	}

	String readUtf8String() {
		int length = readLength(false);
		String s = new String(this.buf, this.pos, length, StandardCharsets.UTF_8);
		this.pos += length;
		return s;
	}

	byte[] readBytes(int length) {
		byte[] out = java.util.Arrays.copyOfRange(this.buf, this.pos, this.pos + length);
		this.pos += length;
		return out;
	}

}
