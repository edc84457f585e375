package dev.denokv.value.v8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.denokv.error.KvInvalidArgumentException;

/**
 * The adapter used without Jackson: a record becomes an object of its components, an enum its
 * name, an {@code Optional} its content or null, {@code boolean[]} an array, {@code char[]} a
 * string, any other {@code Iterable} an array. Other types are rejected.
 */
public final class StandardValueAdapter implements V8ValueAdapter {

	/** The shared instance (stateless). */
	public static final StandardValueAdapter INSTANCE = new StandardValueAdapter();

	@Override
	public Object adapt(Object value) {
		if (value instanceof Record record) {
			return recordToMap(record);
		}
		if (value instanceof Enum<?> e) {
			return e.name();
		}
		if (value instanceof Optional<?> optional) {
			return optional.orElse(null);
		}
		if (value instanceof char[] chars) {
			return new String(chars);
		}
		if (value instanceof boolean[] booleans) {
			List<Boolean> list = new ArrayList<>(booleans.length);
			for (boolean b : booleans) {
				list.add(b);
			}
			return list;
		}
		if (value instanceof Iterable<?> iterable) {
			List<Object> list = new ArrayList<>();
			iterable.forEach(list::add);
			return list;
		}
		throw new KvInvalidArgumentException("Cannot serialize a " + value.getClass().getName()
				+ " without Jackson: use records, maps, lists and the types listed in V8Writer, or JacksonKvValueCodec");
	}

	/** A record's components by name, in declaration order. */
	static Map<String, Object> recordToMap(Record record) {
		RecordComponents components = RecordComponents.of(record.getClass());
		int n = components.components().length;
		Map<String, Object> map = new LinkedHashMap<>(n * 2);
		for (int i = 0; i < n; i++) {
			map.put(components.components()[i].getName(), components.get(record, i));
		}
		return map;
	}

}
