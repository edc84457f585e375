package dev.denokv.sqlite;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.SumBounds;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.v8.V8DecodeException;
import dev.denokv.value.v8.V8Reader;

/**
 * Deno's {@code sum} with a V8-serialized operand (a plain JS bigint or number sent through
 * {@code mutate}), as in denokv's {@code sum_v8}: BigInt + BigInt exactly, Number + Number as
 * doubles, a BigInt in [0, 2^64) added to a stored KvU64 with wrap-around when no bounds are given;
 * then the result is held to the {@link SumBounds}, failing or clamping. Only the few V8 tags a
 * number can have are read here; values are written back the way V8 would.
 */
final class V8SumOperand {

	private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

	private final BigInteger bigint;

	private final double number;

	private V8SumOperand(BigInteger bigint, double number) {
		this.bigint = bigint;
		this.number = number;
	}

	static RawValue sum(RawValue operandValue, RawValue current, SumBounds bounds) {
		V8SumOperand operand = (operandValue.encoding() == ValueEncoding.V8) ? parse(operandValue.data()) : null;
		V8SumOperand min = (bounds.min() != null) ? parse(bounds.min().data()) : null;
		V8SumOperand max = (bounds.max() != null) ? parse(bounds.max().data()) : null;
		if (operand == null || (bounds.min() != null && min == null) || (bounds.max() != null && max == null)) {
			throw new KvMutationException("Some of the parameters are not valid V8 values");
		}
		// Checked before the stored value is looked at, as denokv does.
		if ((min != null && min.isBigInt() != operand.isBigInt()) || (max != null && max.isBigInt() != operand.isBigInt())) {
			throw new KvMutationException("Min/max parameters have different types than the operand");
		}
		if (current == null) {
			return operand.encode(); // a new key takes the operand, range or not (denokv)
		}
		if (current.encoding() == ValueEncoding.LE64) {
			if (bounds.isNone() && operand.bigint != null && operand.bigint.signum() >= 0
					&& operand.bigint.compareTo(TWO_64) < 0) {
				long sum = KvU64.fromLittleEndian(current.data()).bits() + operand.bigint.longValue();
				return RawValue.u64(KvU64.ofBits(sum));
			}
			throw new KvMutationException("Cannot sum KvU64 with " + operand.typeName());
		}
		if (current.encoding() != ValueEncoding.V8) {
			throw new KvMutationException("unsupported value type");
		}
		V8SumOperand stored = parse(current.data());
		if (stored == null) {
			// Deno tells a stored value that is not a number from one it cannot decode at all.
			throw new KvMutationException(isDecodable(current.data()) ? "unsupported value type" : "invalid v8 value");
		}
		if (stored.isBigInt() != operand.isBigInt()) {
			throw new KvMutationException("Cannot sum " + stored.typeName() + " with " + operand.typeName());
		}
		V8SumOperand result = operand.isBigInt() ? new V8SumOperand(stored.bigint.add(operand.bigint), 0)
				: new V8SumOperand(null, stored.number + operand.number);
		if (min != null && result.isBelow(min)) {
			result = boundOrFail(min, bounds.clamp());
		}
		if (max != null && max.isBelow(result)) {
			result = boundOrFail(max, bounds.clamp());
		}
		return result.encode();
	}

	private static V8SumOperand boundOrFail(V8SumOperand bound, boolean clamp) {
		if (!clamp) {
			throw new KvMutationException("The result of a Sum operation would exceed its range limit");
		}
		return bound;
	}

	private boolean isBigInt() {
		return this.bigint != null;
	}

	/** {@code this < other}, both of one type; a NaN is below nothing and nothing is below it. */
	private boolean isBelow(V8SumOperand other) {
		return isBigInt() ? this.bigint.compareTo(other.bigint) < 0 : this.number < other.number;
	}

	private String typeName() {
		return isBigInt() ? "BigInt" : "Number";
	}

	/** Whether {@code data} is a V8 value at all (only asked on the error path). */
	private static boolean isDecodable(byte[] data) {
		try {
			return !(V8Reader.read(data) instanceof JsOpaque);
		}
		catch (V8DecodeException ex) {
			return false;
		}
	}

	/** Reads a V8 number or BigInt; {@code null} for anything else. */
	static V8SumOperand parse(byte[] data) {
		ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
		try {
			if (in.get() != (byte) 0xff) {
				return null;
			}
			readVarint(in);
			byte tag = in.get();
			while (tag == 0) {
				tag = in.get();
			}
			return switch (tag) {
				case 'I' -> {
					long zigzag = readVarint(in);
					yield new V8SumOperand(null, (int) ((zigzag >>> 1) ^ -(zigzag & 1)));
				}
				case 'U' -> new V8SumOperand(null, readVarint(in) & 0xffffffffL);
				case 'N' -> new V8SumOperand(null, in.getDouble());
				case 'Z' -> {
					long bitfield = readVarint(in);
					int length = (int) (bitfield >>> 1);
					if (length > in.remaining()) {
						yield null;
					}
					byte[] magnitude = new byte[length];
					for (int i = 0; i < length; i++) {
						magnitude[length - 1 - i] = in.get();
					}
					BigInteger value = new BigInteger(1, magnitude);
					yield new V8SumOperand(((bitfield & 1) != 0) ? value.negate() : value, 0);
				}
				default -> null;
			};
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static long readVarint(ByteBuffer in) {
		long result = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			byte b = in.get();
			result |= (long) (b & 0x7f) << shift;
			if (b >= 0) {
				return result;
			}
		}
		throw new IllegalArgumentException("varint too long");
	}

	/** Serializes as V8 does: a double as {@code N}, a BigInt as {@code Z} with whole 8-byte digits. */
	private RawValue encode() {
		if (this.bigint == null) {
			ByteBuffer out = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
			out.put((byte) 0xff).put((byte) 0x0f).put((byte) 'N').putDouble(this.number);
			return RawValue.v8(out.array());
		}
		byte[] magnitude = this.bigint.abs().toByteArray();
		int significant = magnitude.length - ((magnitude.length > 1 && magnitude[0] == 0) ? 1 : 0);
		int digits = (this.bigint.signum() == 0) ? 0 : (significant + 7) / 8;
		int length = digits * 8;
		long bitfield = ((long) length << 1) | ((this.bigint.signum() < 0) ? 1 : 0);
		ByteBuffer out = ByteBuffer.allocate(3 + 10 + length).order(ByteOrder.LITTLE_ENDIAN);
		out.put((byte) 0xff).put((byte) 0x0f).put((byte) 'Z');
		for (long v = bitfield; ; v >>>= 7) {
			if ((v & ~0x7fL) == 0) {
				out.put((byte) v);
				break;
			}
			out.put((byte) ((v & 0x7f) | 0x80));
		}
		for (int i = 0; i < length; i++) {
			int src = magnitude.length - 1 - i;
			out.put((src >= 0 && i < significant) ? magnitude[src] : 0);
		}
		byte[] bytes = new byte[out.position()];
		out.flip().get(bytes);
		return RawValue.v8(bytes);
	}

}
