package dev.denokv.value.js;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * A JavaScript {@code Set}: insertion-ordered, elements compared as JS compares them (primitives
 * by value, objects by identity). Not thread-safe.
 */
public final class JsSet extends AbstractSet<Object> {

	private final LinkedHashMap<Object, Object> elements = new LinkedHashMap<>();

	public JsSet() {
	}

	/** A set holding the elements of {@code values}, in iteration order. */
	public JsSet(Collection<?> values) {
		values.forEach(this::add);
	}

	@Override
	public boolean add(Object value) {
		Object normalized = JsKeys.normalize(value);
		if (this.elements.containsKey(normalized)) {
			return false;
		}
		this.elements.put(normalized, (normalized instanceof Double) ? normalized : value);
		return true;
	}

	@Override
	public boolean contains(Object value) {
		return this.elements.containsKey(JsKeys.normalize(value));
	}

	@Override
	public boolean remove(Object value) {
		Object normalized = JsKeys.normalize(value);
		if (!this.elements.containsKey(normalized)) {
			return false;
		}
		this.elements.remove(normalized);
		return true;
	}

	@Override
	public Iterator<Object> iterator() {
		return this.elements.values().iterator();
	}

	@Override
	public int size() {
		return this.elements.size();
	}

	@Override
	public void clear() {
		this.elements.clear();
	}

}
