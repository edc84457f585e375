package dev.denokv.value.js;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JavaScript {@code Map}: insertion-ordered, keys of any type, compared as JS compares them
 * (primitives by value, objects by identity). Distinct from a plain JS object, which reads as
 * {@code LinkedHashMap<String,Object>}. Not thread-safe.
 */
public final class JsMap extends AbstractMap<Object, Object> {

	private final LinkedHashMap<Object, SimpleEntry<Object, Object>> entries = new LinkedHashMap<>();

	public JsMap() {
	}

	/** A map holding the entries of {@code map}, in its iteration order. */
	public JsMap(Map<?, ?> map) {
		map.forEach(this::put);
	}

	@Override
	public Object put(Object key, Object value) {
		Object normalized = JsKeys.normalize(key);
		SimpleEntry<Object, Object> entry = this.entries.get(normalized);
		if (entry != null) {
			return entry.setValue(value);
		}
		this.entries.put(normalized, new SimpleEntry<>((normalized instanceof Double) ? normalized : key, value));
		return null;
	}

	@Override
	public Object get(Object key) {
		SimpleEntry<Object, Object> entry = this.entries.get(JsKeys.normalize(key));
		return (entry != null) ? entry.getValue() : null;
	}

	@Override
	public boolean containsKey(Object key) {
		return this.entries.containsKey(JsKeys.normalize(key));
	}

	@Override
	public Object remove(Object key) {
		SimpleEntry<Object, Object> entry = this.entries.remove(JsKeys.normalize(key));
		return (entry != null) ? entry.getValue() : null;
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	@Override
	public void clear() {
		this.entries.clear();
	}

	@Override
	public Set<Entry<Object, Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<Object, Object>> iterator() {
				Iterator<SimpleEntry<Object, Object>> it = JsMap.this.entries.values().iterator();
				return new Iterator<>() {

					@Override
					public boolean hasNext() {
						return it.hasNext();
					}

					@Override
					public Entry<Object, Object> next() {
						return it.next();
					}

					@Override
					public void remove() {
						it.remove();
					}

				};
			}

			@Override
			public int size() {
				return JsMap.this.entries.size();
			}

		};
	}

}
