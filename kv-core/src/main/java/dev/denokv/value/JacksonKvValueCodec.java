package dev.denokv.value;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.v8.V8ReadOptions;
import dev.denokv.value.v8.V8Reader;
import dev.denokv.value.v8.V8ValueAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The value codec for applications that use Jackson: records and POJOs are stored as plain JS
 * objects that Deno reads naturally, and JS objects from Deno read into records and POJOs, with
 * the application's {@link JsonMapper} configuration (names, naming strategy, inclusion, custom
 * (de)serializers). The application's mapper is never changed: the codec works on a private copy
 * that lets dates, bigints, byte arrays, sets and the {@code dev.denokv.value.js} model keep their
 * JS types.
 *
 * <p>{@code decode(raw, Object.class)} gives the natural form without Jackson; see
 * {@link KvValueCodec#decodeJs} to tell {@code undefined} from {@code null}. Thread-safe.
 */
public final class JacksonKvValueCodec extends AbstractKvValueCodec {

	private final JsonMapper mapper;

	private final JacksonValueAdapter adapter;

	/**
	 * A prepared reader per target type: it holds the root deserializer, so reading a value skips
	 * the type construction and the mapper's deserializer lookup. Bounded by the application's
	 * types.
	 */
	private final ConcurrentHashMap<Type, Binding> bindings = new ConcurrentHashMap<>();

	/** A target type with its prepared reader. */
	private record Binding(JavaType type, ObjectReader reader) {
	}

	/** A codec over a private copy of {@code mapper}. */
	public JacksonKvValueCodec(JsonMapper mapper) {
		// Integral JS numbers arrive as doubles; integer targets must accept them.
		this.mapper = mapper.rebuild()
			.addModule(new JsValuesJacksonModule())
			.addModule(new PreparedCreatorModule())
			.enable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.build();
		this.adapter = new JacksonValueAdapter(this.mapper);
	}

	/** A codec over Jackson's default configuration. */
	public JacksonKvValueCodec() {
		this(JsonMapper.builder().build());
	}

	@Override
	protected V8ValueAdapter adapter() {
		return this.adapter;
	}

	@Override
	public <T> T decode(RawValue raw, Class<T> type) {
		// Records and POJOs from plain objects: bind straight from the V8 bytes. A target that
		// takes the natural map itself, or any value that is not plain, goes the natural way.
		if (raw.encoding() == ValueEncoding.V8 && !type.isAssignableFrom(LinkedHashMap.class)) {
			TokenBuffer tokens = PlainTokenWriter.tokensOrNull(raw.data());
			if (tokens != null) {
				return read(tokens, binding(type));
			}
		}
		return super.decode(raw, type);
	}

	@Override
	@SuppressWarnings("unchecked")
	protected <T> T convert(Object natural, Class<T> type) {
		// As it is, a JsOpaque included: Object is how a caller keeps the bytes of what cannot be read.
		if (natural != null && (type == Object.class || type.isInstance(natural))) {
			return (T) natural;
		}
		return bind(natural, binding(type));
	}

	@Override
	protected Object convert(Object natural, Type type) {
		return bind(natural, binding(type));
	}

	/** Decodes a stored value into a generic type, for example {@code List<User>}. */
	public <T> T decode(RawValue raw, TypeReference<T> type) {
		return bind(decode(raw, Object.class), binding(type.getType()));
	}

	/** Decodes a queue message into a generic type. */
	public <T> T decodeQueuePayload(byte[] payload, TypeReference<T> type) {
		return bind(V8Reader.read(payload, V8ReadOptions.NATURAL), binding(type.getType()));
	}

	private Binding binding(Type type) {
		Binding binding = this.bindings.get(type);
		return (binding != null) ? binding
				: this.bindings.computeIfAbsent(type, (t) -> bindingOf(this.mapper.constructType(t)));
	}

	private Binding bindingOf(JavaType type) {
		return new Binding(type, this.mapper.readerFor(type));
	}

	@SuppressWarnings("unchecked")
	private <T> T bind(Object natural, Binding binding) {
		if (natural instanceof JsOpaque opaque) {
			if (binding.type().getRawClass().isInstance(opaque)) {
				// TypeReference<Object> or <JsOpaque>: the bytes, as decode(raw, Object.class) gives them.
				return (T) opaque;
			}
			throw new KvValueMappingException("The stored value could not be interpreted (" + opaque.reason()
					+ "); decode it as Object to keep its bytes");
		}
		if (natural == null && !binding.type().isPrimitive()) {
			return null;
		}
		return read(NaturalTokenWriter.tokens(natural), binding);
	}

	private <T> T read(TokenBuffer tokens, Binding binding) {
		try {
			return binding.reader().readValue(tokens.asParser());
		}
		catch (JacksonException ex) {
			throw new KvValueMappingException("Cannot read the stored value into a " + binding.type().toCanonical() + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
