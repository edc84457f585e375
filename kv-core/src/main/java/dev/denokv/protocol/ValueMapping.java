package dev.denokv.protocol;

import com.google.protobuf.ByteString;

import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.model.Versionstamp;

/**
 * Conversions of the small building blocks every message shares: value encodings, raw values and
 * versionstamps. The numeric encoding codes are the same in the protobuf enum and in
 * {@link ValueEncoding}.
 */
public final class ValueMapping {

	private ValueMapping() {
	}

	/** The protobuf enum constant of an encoding. */
	public static com.deno.kv.datapath.ValueEncoding toProto(ValueEncoding encoding) {
		return com.deno.kv.datapath.ValueEncoding.forNumber(encoding.code());
	}

	/**
	 * The encoding with the given protobuf number.
	 * @param unknownMessage the exception message when the number is not 1, 2 or 3 (requests and
	 * responses word this differently)
	 */
	public static ValueEncoding encodingOf(int number, String unknownMessage) {
		return switch (number) {
			case 1 -> ValueEncoding.V8;
			case 2 -> ValueEncoding.LE64;
			case 3 -> ValueEncoding.BYTES;
			default -> throw new KvConnectProtocolException(unknownMessage);
		};
	}

	/**
	 * A raw value from protobuf bytes and an encoding number. An LE64 value must have exactly 8
	 * bytes (the Rust decoder would panic on anything else).
	 */
	public static RawValue rawValue(ByteString data, int encodingNumber, String unknownEncodingMessage,
			String badLe64Message) {
		ValueEncoding encoding = encodingOf(encodingNumber, unknownEncodingMessage);
		if (encoding == ValueEncoding.LE64 && data.size() != 8) {
			throw new KvConnectProtocolException(badLe64Message);
		}
		return new RawValue(encoding, data.toByteArray());
	}

	/** The protobuf {@code KvValue} of a raw value. */
	public static com.deno.kv.datapath.KvValue toKvValue(RawValue value) {
		return com.deno.kv.datapath.KvValue.newBuilder()
			.setData(ByteString.copyFrom(value.data()))
			.setEncoding(toProto(value.encoding()))
			.build();
	}

	/** The 10 bytes of a versionstamp as a protobuf byte string. */
	public static ByteString toBytes(Versionstamp versionstamp) {
		return ByteString.copyFrom(versionstamp.toBytes());
	}

	/**
	 * A versionstamp from exactly 10 protobuf bytes.
	 * @throws KvConnectProtocolException with {@code invalidMessage} for any other length
	 */
	public static Versionstamp versionstamp(ByteString bytes, String invalidMessage) {
		if (bytes.size() != Versionstamp.LENGTH) {
			throw new KvConnectProtocolException(invalidMessage);
		}
		return Versionstamp.of(bytes.toByteArray());
	}

}
