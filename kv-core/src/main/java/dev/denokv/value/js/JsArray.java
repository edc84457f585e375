package dev.denokv.value.js;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A JavaScript array that a {@code List} cannot represent faithfully: one with holes (absent
 * indices, as in {@code [1, , 3]} or {@code new Array(5)}) or with named properties besides its
 * elements. Plain arrays read as {@code ArrayList}.
 *
 * <p>The length can be up to 2^32-1 while only a few elements are present, so elements live in a
 * sorted map and nothing is allocated by length. Not thread-safe.
 */
public final class JsArray {

	/** The largest JavaScript array length. */
	public static final long MAX_LENGTH = 0xFFFF_FFFFL;

	private long length;

	private final TreeMap<Long, Object> elements = new TreeMap<>();

	private final LinkedHashMap<String, Object> properties = new LinkedHashMap<>();

	/** An array of the given length with every index a hole. */
	public JsArray(long length) {
		checkLength(length);
		this.length = length;
	}

	/** An array holding the elements of {@code list} (no holes). */
	public static JsArray of(List<?> list) {
		JsArray array = new JsArray(list.size());
		for (int i = 0; i < list.size(); i++) {
			array.elements.put((long) i, list.get(i));
		}
		return array;
	}

	private static void checkLength(long length) {
		if (length < 0 || length > MAX_LENGTH) {
			throw new IllegalArgumentException("Invalid array length " + length);
		}
	}

	public long length() {
		return this.length;
	}

	/** Sets the length; elements at or beyond it are removed, as in JS. */
	public JsArray length(long length) {
		checkLength(length);
		this.elements.tailMap(length, true).clear();
		this.length = length;
		return this;
	}

	/** The present elements by index (a live view; holes are absent). */
	public NavigableMap<Long, Object> elements() {
		return this.elements;
	}

	/** Named (non-index) properties in insertion order (a live view). */
	public Map<String, Object> properties() {
		return this.properties;
	}

	/** Whether {@code index} is a hole. */
	public boolean isHole(long index) {
		return !this.elements.containsKey(index);
	}

	/** The element at {@code index}, or null for a hole. */
	public Object get(long index) {
		return this.elements.get(index);
	}

	/** Sets an element, growing the length as JS does. */
	public JsArray set(long index, Object value) {
		if (index < 0 || index >= MAX_LENGTH) {
			throw new IllegalArgumentException("Invalid array index " + index);
		}
		this.elements.put(index, value);
		if (index >= this.length) {
			this.length = index + 1;
		}
		return this;
	}

	/** Whether every index below the length holds an element. */
	public boolean isDense() {
		return this.elements.size() == this.length;
	}

	/**
	 * The elements as a list with holes as null; named properties are not included.
	 * @throws IllegalStateException if the length is too large for a list
	 */
	public List<Object> toList() {
		if (this.length > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("Array length " + this.length + " is too large for a List");
		}
		List<Object> list = new ArrayList<>(Collections.nCopies((int) this.length, null));
		this.elements.forEach((index, value) -> list.set(index.intValue(), value));
		return list;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof JsArray other && this.length == other.length && this.elements.equals(other.elements)
				&& this.properties.equals(other.properties);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.length) * 31 + this.elements.size();
	}

	@Override
	public String toString() {
		return "JsArray(length=" + this.length + ", elements=" + this.elements.size() + ", properties="
				+ this.properties.keySet() + ")";
	}

}
