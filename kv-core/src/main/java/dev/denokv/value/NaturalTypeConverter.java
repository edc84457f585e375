package dev.denokv.value;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;


import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.v8.RecordComponents;

/**
 * Converts the natural form of a value to a requested type without Jackson: numbers to any
 * numeric type (exactly, or fails), dates to {@code Date}/{@code OffsetDateTime}, JS objects to
 * records (component by component, following generic {@code List}, {@code Set} and {@code Map}
 * types), collections to lists and sets.
 */
final class NaturalTypeConverter {

	private NaturalTypeConverter() {
	}

	@SuppressWarnings("unchecked")
	static <T> T convert(Object value, Class<T> type) {
		return (T) convert(value, type, type);
	}

	/**
	 * Converts to a class or a parameterized type ({@code List<Todo>}, {@code Map<String, Long>});
	 * other generic forms (arrays of generics, type variables) are refused.
	 */
	static Object convert(Object value, Type type) {
		if (!(type instanceof Class<?>) && !(type instanceof ParameterizedType)) {
			throw new KvValueMappingException("Cannot read into a " + type.getTypeName() + " without Jackson;"
					+ " use JacksonKvValueCodec");
		}
		return convert(value, rawClass(type), type);
	}

	private static Object convert(Object value, Class<?> raw, Type generic) {
		if (value == null) {
			if (raw.isPrimitive()) {
				throw new KvValueMappingException("Cannot read null or undefined into a " + raw.getName());
			}
			return null;
		}
		Class<?> boxed = box(raw);
		if (generic == raw && boxed.isInstance(value)) {
			return value;
		}
		if (value instanceof JsOpaque opaque && !boxed.isInstance(value)) {
			throw new KvValueMappingException("The stored value could not be interpreted (" + opaque.reason()
					+ "); decode it as Object to keep its bytes");
		}
		if (value instanceof Double d && Number.class.isAssignableFrom(boxed)) {
			return number(d, boxed);
		}
		if (value instanceof KvU64 u && Number.class.isAssignableFrom(boxed)) {
			return number(u.value(), boxed);
		}
		if (value instanceof BigInteger big && Number.class.isAssignableFrom(boxed)) {
			return number(big, boxed);
		}
		if (value instanceof Instant instant) {
			if (boxed == Date.class) {
				return Date.from(instant);
			}
			if (boxed == OffsetDateTime.class) {
				return instant.atOffset(ZoneOffset.UTC);
			}
		}
		if (value instanceof Map<?, ?> map && raw.isRecord()) {
			return toRecord(map, raw);
		}
		if (value instanceof Map<?, ?> map && boxed.isAssignableFrom(LinkedHashMap.class)) {
			Type valueType = typeArgument(generic, 1);
			Map<Object, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> out.put(k, convert(v, rawClass(valueType), valueType)));
			return out;
		}
		if (value instanceof Collection<?> collection) {
			Type elementType = typeArgument(generic, 0);
			Collection<Object> out = boxed.isAssignableFrom(ArrayList.class) ? new ArrayList<>()
					: boxed.isAssignableFrom(LinkedHashSet.class) ? new LinkedHashSet<>() : null;
			if (out != null) {
				collection.forEach((v) -> out.add(convert(v, rawClass(elementType), elementType)));
				return out;
			}
		}
		if (boxed.isInstance(value)) {
			return value;
		}
		throw new KvValueMappingException("Cannot read a " + describe(value) + " into a " + generic.getTypeName()
				+ " without Jackson; use JacksonKvValueCodec");
	}

	private static String describe(Object value) {
		return (value instanceof Map) ? "JS object" : (value instanceof List) ? "JS array" : value.getClass().getSimpleName();
	}

	private static Type typeArgument(Type generic, int index) {
		if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
			Type argument = p.getActualTypeArguments()[index];
			// List<? extends Todo> holds Todos.
			return (argument instanceof WildcardType w) ? w.getUpperBounds()[0] : argument;
		}
		return Object.class;
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType p) {
			return (Class<?>) p.getRawType();
		}
		return Object.class;
	}

	private static Object number(double d, Class<?> type) {
		if (type == Double.class || type == Number.class) {
			return d;
		}
		if (type == Float.class) {
			return (float) d;
		}
		if (type == BigDecimal.class) {
			return BigDecimal.valueOf(d);
		}
		if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p63) {
			throw new KvValueMappingException("Cannot read the number " + d + " into a " + type.getSimpleName());
		}
		return number(BigDecimal.valueOf(d).toBigIntegerExact(), type);
	}

	private static Object number(BigInteger big, Class<?> type) {
		try {
			if (type == Long.class) {
				return big.longValueExact();
			}
			if (type == Integer.class) {
				return big.intValueExact();
			}
			if (type == Short.class) {
				return big.shortValueExact();
			}
			if (type == Byte.class) {
				return big.byteValueExact();
			}
		}
		catch (ArithmeticException ex) {
			throw new KvValueMappingException("The number " + big + " does not fit in a " + type.getSimpleName());
		}
		if (type == BigInteger.class || type == Number.class) {
			return big;
		}
		if (type == BigDecimal.class) {
			return new BigDecimal(big);
		}
		if (type == Double.class) {
			return big.doubleValue();
		}
		throw new KvValueMappingException("Cannot read a number into a " + type.getSimpleName());
	}

	private static Object toRecord(Map<?, ?> map, Class<?> type) {
		RecordComponents record = RecordComponents.of(type);
		RecordComponent[] components = record.components();
		Object[] args = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			args[i] = convert(map.get(component.getName()), component.getType(), component.getGenericType());
		}
		try {
			return record.constructor().newInstance(args);
		}
		catch (InvocationTargetException ex) {
			throw new KvValueMappingException("Cannot create a " + type.getName() + ": " + ex.getCause(), ex.getCause());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new KvValueMappingException("Cannot create a " + type.getName() + ": " + ex, ex);
		}
	}

	private static Class<?> box(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return switch (type.getName()) {
			case "int" -> Integer.class;
			case "long" -> Long.class;
			case "double" -> Double.class;
			case "float" -> Float.class;
			case "short" -> Short.class;
			case "byte" -> Byte.class;
			case "boolean" -> Boolean.class;
			case "char" -> Character.class;
			default -> Void.class;
		};
	}

}
