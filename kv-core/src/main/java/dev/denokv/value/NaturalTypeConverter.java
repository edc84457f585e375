package dev.denokv.value;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.denokv.model.KvU64;
import dev.denokv.value.js.JsOpaque;
import dev.denokv.value.v8.RecordComponents;

/**
 * Converts the natural form of a value to a requested type without Jackson: numbers to any
 * numeric type (exactly, or fails), dates to {@code Date}/{@code OffsetDateTime}, JS objects to
 * records (component by component, following generic {@code List}, {@code Set}, {@code Map} and
 * {@code Optional} types), collections to lists and sets, map keys to the map's key type. It reads
 * back what {@link dev.denokv.value.v8.StandardValueAdapter} writes: strings into enums (by
 * name), {@code char} and {@code char[]}, any value into an {@code Optional} (null as empty).
 *
 * <p>A cyclic value is refused with the message {@link JacksonKvValueCodec} gives (a record
 * cannot contain itself); a shared one is converted once per reference, within the same budget
 * of elements per value. One instance per conversion, as it tracks the containers being
 * converted.
 */
final class NaturalTypeConverter {

	/**
	 * Refuses cycles (the records, lists and maps it builds have no references) and bounds how
	 * far sharing expands.
	 */
	private final TreeCopyGuard guard = new TreeCopyGuard();

	private NaturalTypeConverter() {
	}

	@SuppressWarnings("unchecked")
	static <T> T convert(Object value, Class<T> type) {
		return (T) new NaturalTypeConverter().convert(value, type, type);
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
		return new NaturalTypeConverter().convert(value, rawClass(type), type);
	}

	private Object convert(Object value, Class<?> raw, Type generic) {
		this.guard.spend(1);
		if (raw == Optional.class) {
			// Written as its content, an empty Optional as null.
			Type contentType = typeArgument(generic, 0);
			return Optional.ofNullable(convert(value, rawClass(contentType), contentType));
		}
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
			return NaturalNumbers.of(d, boxed);
		}
		if (value instanceof KvU64 u && Number.class.isAssignableFrom(boxed)) {
			return NaturalNumbers.of(u.value(), boxed);
		}
		if (value instanceof BigInteger big && Number.class.isAssignableFrom(boxed)) {
			return NaturalNumbers.of(big, boxed);
		}
		if (value instanceof String s && !boxed.isInstance(value)) {
			Object converted = fromString(s, raw, boxed);
			if (converted != null) {
				return converted;
			}
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
			this.guard.enter(map);
			Object record = toRecord(map, raw);
			this.guard.exit(map);
			return record;
		}
		if (value instanceof Map<?, ?> map && boxed.isAssignableFrom(LinkedHashMap.class)) {
			this.guard.enter(map);
			Map<Object, Object> out = toMap(map, generic);
			this.guard.exit(map);
			return out;
		}
		if (value instanceof Collection<?> collection) {
			Type elementType = typeArgument(generic, 0);
			Collection<Object> out = boxed.isAssignableFrom(ArrayList.class) ? new ArrayList<>()
					: boxed.isAssignableFrom(LinkedHashSet.class) ? new LinkedHashSet<>() : null;
			if (out != null) {
				this.guard.enter(collection);
				collection.forEach((v) -> out.add(convert(v, rawClass(elementType), elementType)));
				this.guard.exit(collection);
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

	/** A string as an enum constant, a {@code char} or a {@code char[]}; null for other targets. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object fromString(String s, Class<?> raw, Class<?> boxed) {
		if (boxed.isEnum()) {
			try {
				return Enum.valueOf((Class) boxed, s);
			}
			catch (IllegalArgumentException ex) {
				throw new KvValueMappingException("No constant '" + s + "' in the enum " + boxed.getName() + " (one of "
						+ Arrays.toString(boxed.getEnumConstants()) + ")");
			}
		}
		if (boxed == Character.class) {
			if (s.length() != 1) {
				throw new KvValueMappingException("Cannot read a string of " + s.length() + " characters into a "
						+ raw.getName() + "; it takes exactly one");
			}
			return s.charAt(0);
		}
		if (raw == char[].class) {
			return s.toCharArray();
		}
		return null;
	}

	/**
	 * A map of the target's key and value types. JS object keys are strings, so numeric key types
	 * parse them ("1" for the key 1); JS Map keys (numbers, bigints...) convert as values do.
	 */
	private Map<Object, Object> toMap(Map<?, ?> map, Type generic) {
		Type keyType = typeArgument(generic, 0);
		Class<?> keyRaw = rawClass(keyType);
		Type valueType = typeArgument(generic, 1);
		Class<?> valueRaw = rawClass(valueType);
		boolean numericKeys = Number.class.isAssignableFrom(box(keyRaw));
		Map<Object, Object> out = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object key = entry.getKey();
			if (numericKeys && key instanceof String s) {
				key = NaturalNumbers.ofKey(s, box(keyRaw));
			}
			else if (keyRaw == String.class && (key instanceof Double || key instanceof Boolean || key instanceof BigInteger)) {
				// A JS Map's primitive keys as property names, as JacksonKvValueCodec names them.
				key = NaturalTokenWriter.keyName(key);
			}
			else if (keyRaw != Object.class) {
				key = convert(key, keyRaw, keyType);
			}
			int size = out.size();
			out.put(key, convert(entry.getValue(), valueRaw, valueType));
			if (out.size() == size) {
				// "1" and "01", say: two JS keys, one Java key.
				throw new KvValueMappingException("Two keys of the stored map read as the same " + keyRaw.getSimpleName()
						+ " key " + key);
			}
		}
		return out;
	}

	private Object toRecord(Map<?, ?> map, Class<?> type) {
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
