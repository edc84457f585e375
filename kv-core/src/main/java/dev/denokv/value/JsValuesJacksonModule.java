package dev.denokv.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;

import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsHostObject;
import dev.denokv.value.js.JsInvalidDate;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsSet;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsUndefined;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

/**
 * Lets values that have a V8 form of their own pass through Jackson untouched, in the codec's
 * private copy of the application's mapper. Serializing a POJO, these values (dates, Java
 * primitive arrays, sets, the JS model) become embedded objects in the token stream, so the V8
 * writer writes them as Date, typed array, Set...; deserializing, date, map and collection
 * targets accept such embedded objects. Integral and {@code BigDecimal} targets refuse a JS
 * {@code NaN} or {@code ±Infinity}, which Jackson would otherwise read as 0 or null.
 */
final class JsValuesJacksonModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	private static final Class<?>[] EMBEDDED = { Instant.class, Date.class, short[].class, int[].class, long[].class,
			float[].class, double[].class, Set.class, JsUndefined.class, JsArray.class, JsMap.class, JsSet.class,
			JsRegExp.class, JsError.class, JsBoxed.class, JsArrayBuffer.class, JsTypedArray.class, JsHostObject.class,
			JsOpaque.class, JsInvalidDate.class, KvU64.class };

	JsValuesJacksonModule() {
		super("denokv-js-values");
		for (Class<?> type : EMBEDDED) {
			addSerializer(type, new EmbeddedSerializer(type));
		}
		setDeserializerModifier(new EmbeddedAwareModifier());
	}

	/** Hands the value to the token stream as it is. */
	private static final class EmbeddedSerializer extends StdSerializer<Object> {

		@SuppressWarnings("unchecked")
		EmbeddedSerializer(Class<?> type) {
			super((Class<Object>) type);
		}

		@Override
		public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
			gen.writePOJO(value);
		}

	}

	/** Wraps the deserializers of types that an embedded value can stand for. */
	private static final class EmbeddedAwareModifier extends ValueDeserializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier beanDesc,
				ValueDeserializer<?> deserializer) {
			Class<?> type = beanDesc.getBeanClass();
			boolean dateLike = Date.class.isAssignableFrom(type) || type == OffsetDateTime.class
					|| type == ZonedDateTime.class;
			if (dateLike) {
				return new EmbeddedAwareDeserializer(deserializer, type);
			}
			return hasNoNonFiniteValues(type) ? new FiniteNumberDeserializer(deserializer, type) : deserializer;
		}

		private static boolean hasNoNonFiniteValues(Class<?> type) {
			return type == int.class || type == Integer.class || type == long.class || type == Long.class
					|| type == short.class || type == Short.class || type == byte.class || type == Byte.class
					|| type == BigInteger.class || type == BigDecimal.class;
		}

		@Override
		public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
				BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
			return new EmbeddedAwareDeserializer(deserializer, type.getRawClass());
		}

		@Override
		public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
				BeanDescription.Supplier beanDesc, ValueDeserializer<?> deserializer) {
			return new EmbeddedAwareDeserializer(deserializer, type.getRawClass());
		}

	}

	/**
	 * Refuses a non-finite JS number for a type that has no such value (Jackson's float-to-int
	 * coercion would give 0, and {@code BigDecimal} null), as {@code KvValueCodec.standard()} does.
	 */
	private static final class FiniteNumberDeserializer extends DelegatingDeserializer {

		private final Class<?> type;

		FiniteNumberDeserializer(ValueDeserializer<?> delegate, Class<?> type) {
			super(delegate);
			this.type = type;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
			return new FiniteNumberDeserializer(newDelegatee, this.type);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) {
			if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT && !Double.isFinite(p.getDoubleValue())) {
				return ctxt.reportInputMismatch(this.type,
						"Cannot read the number " + p.getDoubleValue() + " into a " + this.type.getSimpleName());
			}
			return super.deserialize(p, ctxt);
		}

	}

	/** Takes an embedded value of the right type as it is (or a JS Date for a date-time type). */
	private static final class EmbeddedAwareDeserializer extends DelegatingDeserializer {

		private final Class<?> type;

		EmbeddedAwareDeserializer(ValueDeserializer<?> delegate, Class<?> type) {
			super(delegate);
			this.type = type;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
			return new EmbeddedAwareDeserializer(newDelegatee, this.type);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) {
			if (p.currentToken() == JsonToken.VALUE_EMBEDDED_OBJECT) {
				Object embedded = p.getEmbeddedObject();
				if (this.type.isInstance(embedded)) {
					return embedded;
				}
				if (embedded instanceof Instant instant) {
					if (this.type == OffsetDateTime.class) {
						return instant.atOffset(ZoneOffset.UTC);
					}
					if (this.type == ZonedDateTime.class) {
						return instant.atZone(ZoneOffset.UTC);
					}
					if (this.type.isAssignableFrom(Date.class)) {
						return Date.from(instant);
					}
				}
			}
			return super.deserialize(p, ctxt);
		}

	}

}
