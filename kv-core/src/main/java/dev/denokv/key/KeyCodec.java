package dev.denokv.key;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * Deno's key encoding (kv-format.md §3; {@code denokv_proto::codec}, a restricted FoundationDB
 * tuple layer), byte-exact in both directions. Encoded keys compare as unsigned byte strings, which
 * is Deno's key order ({@link #ORDER}).
 *
 * <p>Stateless and thread-safe.
 */
public final class KeyCodec {

	/** Deno's key order on encoded keys: unsigned lexicographic, a proper prefix sorts first. */
	public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

	static final int BYTES = 0x01;

	static final int STRING = 0x02;

	static final int NEG_INT_START = 0x0b;

	static final int INT_ZERO = 0x14;

	static final int POS_INT_END = 0x1d;

	static final int DOUBLE = 0x21;

	static final int FALSE = 0x26;

	static final int TRUE = 0x27;

	private static final int ESCAPE = 0xff;

	/** Up to this many magnitude bytes the length lives in the tag; beyond, in a length byte. */
	private static final int MAX_SHORT_INT_BYTES = 8;

	private KeyCodec() {
	}

	/**
	 * Encodes key parts. Parts are mapped like {@link KvKey#of(Object...)} does (an {@code Integer}
	 * is a JS number, a {@code BigInteger} a bigint, ...).
	 * @throws KvInvalidArgumentException for a part Deno would reject
	 */
	public static byte[] encode(List<?> parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			encodePart(out, KeyParts.normalize(part));
		}
		return out.toByteArray();
	}

	/**
	 * Decodes an encoded key into its normalized parts ({@code String}, {@code byte[]},
	 * {@code BigInteger}, {@code Double}, {@code Boolean}).
	 * @throws KvInvalidArgumentException with Deno's message ({@code "invalid tag"},
	 * {@code "invalid utf8"}, {@code "unexpected end of file"}) when the bytes are not a key
	 */
	public static List<Object> decode(byte[] bytes) {
		List<Object> parts = new ArrayList<>();
		int pos = 0;
		while (pos < bytes.length) {
			pos = decodePart(bytes, pos, parts);
		}
		return parts;
	}

	/** Appends the encoding of one already normalized part. */
	static void encodePart(ByteArrayOutputStream out, Object part) {
		if (part instanceof String s) {
			out.write(STRING);
			writeEscaped(out, s.getBytes(StandardCharsets.UTF_8));
			out.write(0);
		}
		else if (part instanceof byte[] b) {
			out.write(BYTES);
			writeEscaped(out, b);
			out.write(0);
		}
		else if (part instanceof BigInteger big) {
			encodeBigint(out, big);
		}
		else if (part instanceof Double d) {
			encodeDouble(out, d);
		}
		else if (part instanceof Boolean b) {
			out.write(b ? TRUE : FALSE);
		}
		else {
			throw new KvInvalidArgumentException(KeyParts.UNSUPPORTED_PART);
		}
	}

	private static void writeEscaped(ByteArrayOutputStream out, byte[] bytes) {
		for (byte b : bytes) {
			out.write(b);
			if (b == 0) {
				out.write(ESCAPE);
			}
		}
	}

	private static void encodeBigint(ByteArrayOutputStream out, BigInteger value) {
		int sign = value.signum();
		if (sign == 0) {
			out.write(INT_ZERO);
			return;
		}
		byte[] magnitude = magnitude(value);
		int n = magnitude.length;
		if (n > KeyParts.MAX_BIGINT_BYTES) {
			throw new KvInvalidArgumentException(KeyParts.BIGINT_TOO_LARGE);
		}
		if (sign > 0) {
			if (n <= MAX_SHORT_INT_BYTES) {
				out.write(INT_ZERO + n);
			}
			else {
				out.write(POS_INT_END);
				out.write(n);
			}
			out.writeBytes(magnitude);
		}
		else {
			// Negative: one's complement of the magnitude, so larger magnitudes sort first.
			if (n <= MAX_SHORT_INT_BYTES) {
				out.write(INT_ZERO - n);
			}
			else {
				out.write(NEG_INT_START);
				out.write(n ^ 0xff);
			}
			for (byte b : magnitude) {
				out.write(~b);
			}
		}
	}

	/** The minimal big-endian magnitude bytes of a non-zero value. */
	private static byte[] magnitude(BigInteger value) {
		byte[] twos = value.abs().toByteArray();
		return (twos[0] == 0) ? Arrays.copyOfRange(twos, 1, twos.length) : twos;
	}

	private static void encodeDouble(ByteArrayOutputStream out, double value) {
		long bits = Double.doubleToRawLongBits(KeyParts.number(value));
		// Negative: invert everything (larger magnitudes sort first); positive: flip only the sign bit.
		long u = (bits < 0) ? ~bits : bits ^ Long.MIN_VALUE;
		out.write(DOUBLE);
		for (int shift = 56; shift >= 0; shift -= 8) {
			out.write((int) (u >>> shift));
		}
	}

	private static int decodePart(byte[] in, int pos, List<Object> parts) {
		int tag = in[pos++] & 0xff;
		if (tag == STRING) {
			ByteArrayOutputStream data = new ByteArrayOutputStream();
			pos = readEscaped(in, pos, data);
			parts.add(utf8(data.toByteArray()));
			return pos;
		}
		if (tag == BYTES) {
			ByteArrayOutputStream data = new ByteArrayOutputStream();
			pos = readEscaped(in, pos, data);
			parts.add(data.toByteArray());
			return pos;
		}
		if (tag >= NEG_INT_START && tag <= POS_INT_END) {
			return decodeBigint(in, pos, tag, parts);
		}
		if (tag == DOUBLE) {
			require(in, pos, 8);
			long u = 0;
			for (int i = 0; i < 8; i++) {
				u = (u << 8) | (in[pos + i] & 0xff);
			}
			long bits = (u < 0) ? u ^ Long.MIN_VALUE : ~u;
			parts.add(KeyParts.number(Double.longBitsToDouble(bits)));
			return pos + 8;
		}
		if (tag == FALSE || tag == TRUE) {
			parts.add(tag == TRUE);
			return pos;
		}
		throw new KvInvalidArgumentException("invalid tag");
	}

	/** Reads up to the terminating {@code 00} that is not followed by {@code ff}; {@code 00 ff} is a {@code 00}. */
	private static int readEscaped(byte[] in, int pos, ByteArrayOutputStream data) {
		while (pos < in.length) {
			byte b = in[pos++];
			if (b == 0) {
				if (pos < in.length && (in[pos] & 0xff) == ESCAPE) {
					data.write(0);
					pos++;
					continue;
				}
				return pos;
			}
			data.write(b);
		}
		throw eof();
	}

	private static int decodeBigint(byte[] in, int pos, int tag, List<Object> parts) {
		int n;
		boolean negative;
		if (tag == NEG_INT_START || tag == POS_INT_END) {
			require(in, pos, 1);
			int raw = in[pos++] & 0xff;
			negative = tag == NEG_INT_START;
			n = negative ? raw ^ 0xff : raw;
		}
		else {
			negative = tag < INT_ZERO;
			n = Math.abs(tag - INT_ZERO);
		}
		require(in, pos, n);
		byte[] magnitude = Arrays.copyOfRange(in, pos, pos + n);
		if (negative) {
			for (int i = 0; i < n; i++) {
				magnitude[i] = (byte) ~magnitude[i];
			}
		}
		BigInteger value = new BigInteger(1, magnitude);
		parts.add(negative ? value.negate() : value);
		return pos + n;
	}

	private static String utf8(byte[] data) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new KvInvalidArgumentException("invalid utf8", ex);
		}
	}

	private static void require(byte[] in, int pos, int n) {
		if (in.length - pos < n) {
			throw eof();
		}
	}

	private static KvInvalidArgumentException eof() {
		// Rust's std::io::ErrorKind::UnexpectedEof, as Deno reports it.
		return new KvInvalidArgumentException("unexpected end of file");
	}

}
