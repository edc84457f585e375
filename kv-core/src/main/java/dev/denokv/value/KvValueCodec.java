package dev.denokv.value;

import dev.denokv.model.RawValue;

/**
 * Converts Java values to stored {@link RawValue}s and back, choosing the encoding as Deno does:
 * a top-level {@code byte[]} is BYTES, a {@link dev.denokv.model.KvU64} is LE64, and everything
 * else is V8-serialized. Queue payloads are always V8. Implementations are thread-safe.
 */
public interface KvValueCodec {

	/**
	 * Largest serialized value the Deno CLI accepts. Codecs do not enforce it: the template checks
	 * sizes against its {@code KvLimits} after encoding, in Deno's order.
	 */
	int MAX_VALUE_SIZE = 65536;

	/**
	 * Encodes a value for storage, whatever its size (as Deno, which serializes first and checks
	 * the size with the rest of the write).
	 * @throws dev.denokv.error.KvInvalidArgumentException if it cannot be represented
	 */
	RawValue encode(Object value);

	/**
	 * Decodes a stored value into {@code type}; {@code Object.class} gives the natural Java form
	 * (maps, lists, Double, String, BigInteger, Instant, byte[], KvU64...). JS {@code undefined}
	 * and {@code null} both decode to {@code null}.
	 */
	<T> T decode(RawValue raw, Class<T> type);

	/**
	 * Decodes a stored value into a type that may be generic, such as {@code List<Todo>}. Codecs
	 * that only know classes read plain classes and reject generic types.
	 * @throws KvValueMappingException if the value cannot be read into {@code type}
	 */
	@SuppressWarnings("unchecked")
	default <T> T decode(RawValue raw, KvType<T> type) {
		return decode(raw, (Class<T>) classOnly(type));
	}

	/**
	 * Encodes a queue message (always V8), whatever its size, as {@link #encode(Object)}.
	 * @throws dev.denokv.error.KvInvalidArgumentException if it cannot be represented
	 */
	byte[] encodeQueuePayload(Object message);

	/** Decodes a queue message into {@code type} ({@code Object.class} for the natural form). */
	<T> T decodeQueuePayload(byte[] payload, Class<T> type);

	/** Decodes a queue message into a type that may be generic, as {@link #decode(RawValue, KvType)}. */
	@SuppressWarnings("unchecked")
	default <T> T decodeQueuePayload(byte[] payload, KvType<T> type) {
		return decodeQueuePayload(payload, (Class<T>) classOnly(type));
	}

	private static Class<?> classOnly(KvType<?> type) {
		Class<?> c = type.asClass();
		if (c == null) {
			throw KvValueMappingException.classesOnly(type.type());
		}
		return c;
	}

	/**
	 * Decodes a stored value losslessly, for callers who need what {@code Object.class} smooths
	 * over: {@code undefined} is {@link dev.denokv.value.js.JsUndefined} (not null), and typed
	 * arrays are {@link dev.denokv.value.js.JsTypedArray}s sharing their buffers.
	 */
	default Object decodeJs(RawValue raw) {
		return switch (raw.encoding()) {
			case V8 -> dev.denokv.value.v8.V8Reader.read(raw.data(), dev.denokv.value.v8.V8ReadOptions.LOSSLESS);
			case BYTES -> raw.data().clone();
			case LE64 -> dev.denokv.model.KvU64.fromLittleEndian(raw.data());
		};
	}

	/**
	 * The codec that needs no Jackson: natural Java types, records (by their components) and the
	 * {@code dev.denokv.value.js} model. Use {@link JacksonKvValueCodec} for POJOs and Jackson
	 * annotations.
	 */
	static KvValueCodec standard() {
		return V8KvValueCodec.INSTANCE;
	}

}
