package dev.denokv.value.v8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * A growable output buffer with V8's primitive encodings. It stops at a size limit, so an
 * oversized value fails early with {@link V8ValueTooLargeException} instead of filling memory.
 */
final class V8Output {

	private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/** V8 keeps BigInts to 2^30 bits. */
	private static final int MAX_BIGINT_BITS = 1 << 30;

	private final int limit;

	byte[] buf;

	int pos;

	V8Output(int limit) {
		this.limit = limit;
		this.buf = new byte[Math.min(256, Math.max(limit, 16))];
	}

	void ensure(int n) {
		int needed = this.pos + n;
		if (needed > this.buf.length) {
			if (needed > this.limit || needed < 0) {
				throw new V8ValueTooLargeException(this.limit);
			}
			int grown = (int) Math.min(Math.max((long) this.buf.length * 2, needed), this.limit);
			this.buf = Arrays.copyOf(this.buf, grown);
		}
	}

	byte[] toByteArray() {
		if (this.pos > this.limit) {
			throw new V8ValueTooLargeException(this.limit);
		}
		return Arrays.copyOf(this.buf, this.pos);
	}

	void tag(int tag) {
		ensure(1);
		this.buf[this.pos++] = (byte) tag;
	}

	void varint(long value) {
		ensure(varintSize(value));
		while ((value & ~0x7FL) != 0) {
			this.buf[this.pos++] = (byte) ((value & 0x7F) | 0x80);
			value >>>= 7;
		}
		this.buf[this.pos++] = (byte) value;
	}

	static int varintSize(long value) {
		int size = 1;
		while ((value & ~0x7FL) != 0) {
			value >>>= 7;
			size++;
		}
		return size;
	}

	void zigzag(int value) {
		varint(((value << 1) ^ (value >> 31)) & 0xFFFF_FFFFL);
	}

	void rawDouble(double value) {
		ensure(8);
		LONG_LE.set(this.buf, this.pos, Double.doubleToRawLongBits(value));
		this.pos += 8;
	}

	void bytes(byte[] data, int offset, int length) {
		ensure(length);
		System.arraycopy(data, offset, this.buf, this.pos, length);
		this.pos += length;
	}

	/** A number as V8 writes it: int32 when integral and in range (not -0), else a double. */
	void number(double value) {
		int i = (int) value;
		if (i == value && (i != 0 || Double.doubleToRawLongBits(value) == 0)) {
			tag(V8Tags.INT32);
			zigzag(i);
		}
		else {
			tag(V8Tags.DOUBLE);
			rawDouble(value);
		}
	}

	/** The BigInt payload: sign and length bitfield, then 64-bit digits, little-endian. */
	void bigIntPayload(BigInteger value) {
		BigInteger magnitude = value.abs();
		int bits = magnitude.bitLength();
		if (bits > MAX_BIGINT_BITS) {
			throw new KvInvalidArgumentException("BigInt of " + bits + " bits exceeds V8's maximum of 2^30 bits");
		}
		int length = ((bits + 63) / 64) * 8;
		varint(((long) length << 1) | ((value.signum() < 0) ? 1 : 0));
		ensure(length);
		byte[] be = magnitude.toByteArray();
		// be may carry a leading sign byte of zero; copy its low bytes reversed.
		for (int i = 0; i < length; i++) {
			int src = be.length - 1 - i;
			this.buf[this.pos + i] = (src >= 0) ? be[src] : 0;
		}
		this.pos += length;
	}

	/** A string: one-byte when every char is Latin-1, else two-byte aligned as V8 aligns it. */
	@SuppressWarnings("deprecation")
	void string(String s) {
		int n = s.length();
		boolean latin1 = true;
		for (int i = 0; i < n; i++) {
			if (s.charAt(i) > 0xFF) {
				latin1 = false;
				break;
			}
		}
		if (latin1) {
			ensure(1 + varintSize(n) + n);
			this.buf[this.pos++] = V8Tags.ONE_BYTE_STRING;
			varint(n);
			// Copies the low byte of each char: exactly Latin-1 here, and fast for compact strings.
			s.getBytes(0, n, this.buf, this.pos);
			this.pos += n;
			return;
		}
		long byteLength = 2L * n;
		// V8 pads so that the UTF-16 data starts at an even offset from the header.
		int padding = (this.pos + 1 + varintSize(byteLength)) & 1;
		ensure((int) Math.min(Integer.MAX_VALUE, padding + 1 + varintSize(byteLength) + byteLength));
		if (padding != 0) {
			this.buf[this.pos++] = V8Tags.PADDING;
		}
		this.buf[this.pos++] = V8Tags.TWO_BYTE_STRING;
		varint(byteLength);
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			this.buf[this.pos++] = (byte) c;
			this.buf[this.pos++] = (byte) (c >>> 8);
		}
	}

}
