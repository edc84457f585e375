package dev.denokv.value;

import java.lang.reflect.Type;

import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;
import dev.denokv.value.v8.V8ReadOptions;
import dev.denokv.value.v8.V8Reader;
import dev.denokv.value.v8.V8ValueAdapter;
import dev.denokv.value.v8.V8Writer;

/**
 * What every value codec shares: Deno's choice of encoding (a top-level byte array or Uint8Array
 * is BYTES, a {@link KvU64} is LE64, anything else V8) and queue payloads (always V8). Subclasses
 * supply how Java objects become V8 values and how the natural form becomes the requested type.
 *
 * <p>Sizes are not limited here: as in Deno, a value is serialized first and its size checked
 * later, with the rest of the write ({@code KvRequestValidator}, against the template's
 * {@code KvLimits}), so that a bad key or {@code expireIn} is reported before a large value, and
 * a raised {@code maxValueSize} takes effect.
 */
public abstract class AbstractKvValueCodec implements KvValueCodec {

	/** The largest output the V8 writer can make: a Java array's limit, not a KV limit. */
	private static final int MAX_WRITER_BYTES = Integer.MAX_VALUE - 16;

	/** Turns objects the V8 writer has no form for (records, POJOs...) into ones it has. */
	protected abstract V8ValueAdapter adapter();

	/**
	 * Converts a value in its natural form (as {@link V8ReadOptions#NATURAL} reads it) to
	 * {@code type}.
	 * @throws KvValueMappingException if it cannot
	 */
	protected abstract <T> T convert(Object natural, Class<T> type);

	@Override
	public RawValue encode(Object value) {
		if (value instanceof byte[] bytes) {
			return RawValue.bytes(bytes.clone());
		}
		if (value instanceof JsTypedArray view && view.kind() == JsTypedArrayKind.UINT8) {
			// Deno stores any top-level Uint8Array as its bytes.
			return RawValue.bytes(view.toByteArray());
		}
		if (value instanceof KvU64 u64) {
			return RawValue.u64(u64);
		}
		return RawValue.v8(V8Writer.write(value, adapter(), MAX_WRITER_BYTES));
	}

	/**
	 * Converts a value in its natural form to a generic type (a class goes to
	 * {@link #convert(Object, Class)}). Not abstract, so that subclasses written before generic
	 * types were supported still compile and run: this default refuses them, as
	 * {@link KvValueCodec#decode(RawValue, KvType)} does for class-only codecs.
	 * @throws KvValueMappingException if it cannot
	 */
	protected Object convert(Object natural, Type type) {
		throw KvValueMappingException.classesOnly(type);
	}

	@Override
	public <T> T decode(RawValue raw, Class<T> type) {
		return convert(natural(raw), type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T decode(RawValue raw, KvType<T> type) {
		Class<?> c = type.asClass();
		return (c != null) ? (T) decode(raw, c) : (T) convert(natural(raw), type.type());
	}

	private static Object natural(RawValue raw) {
		return switch (raw.encoding()) {
			case V8 -> V8Reader.read(raw.data(), V8ReadOptions.NATURAL);
			case BYTES -> raw.data().clone();
			case LE64 -> KvU64.fromLittleEndian(raw.data());
		};
	}

	@Override
	public byte[] encodeQueuePayload(Object message) {
		return V8Writer.write(message, adapter(), MAX_WRITER_BYTES);
	}

	@Override
	public <T> T decodeQueuePayload(byte[] payload, Class<T> type) {
		return convert(V8Reader.read(payload, V8ReadOptions.NATURAL), type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T decodeQueuePayload(byte[] payload, KvType<T> type) {
		Class<?> c = type.asClass();
		return (c != null) ? (T) decodeQueuePayload(payload, c)
				: (T) convert(V8Reader.read(payload, V8ReadOptions.NATURAL), type.type());
	}

}
