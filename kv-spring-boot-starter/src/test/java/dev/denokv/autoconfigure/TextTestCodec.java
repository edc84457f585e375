package dev.denokv.autoconfigure;

import java.nio.charset.StandardCharsets;

import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.value.KvValueCodec;

/**
 * A small real codec for the starter's tests until the Jackson codec is available: strings as
 * UTF-8 bytes, {@code byte[]} and {@link KvU64} as Deno stores them.
 */
public class TextTestCodec implements KvValueCodec {

	@Override
	public RawValue encode(Object value) {
		if (value instanceof KvU64 n) {
			return RawValue.u64(n);
		}
		if (value instanceof byte[] bytes) {
			return RawValue.bytes(bytes);
		}
		return RawValue.bytes(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public <T> T decode(RawValue raw, Class<T> type) {
		if (raw.encoding() == ValueEncoding.LE64) {
			return type.cast(KvU64.fromLittleEndian(raw.data()));
		}
		if (type == byte[].class) {
			return type.cast(raw.data());
		}
		return type.cast(new String(raw.data(), StandardCharsets.UTF_8));
	}

	@Override
	public byte[] encodeQueuePayload(Object message) {
		return String.valueOf(message).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public <T> T decodeQueuePayload(byte[] payload, Class<T> type) {
		return type.cast(new String(payload, StandardCharsets.UTF_8));
	}

}
