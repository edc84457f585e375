package dev.denokv.value;

import java.util.IdentityHashMap;

/**
 * Guards one copy of a natural form into a tree (Jackson tokens, records, lists). The natural
 * form is a graph, because V8 writes a repeated object once and back-references it, and a tree
 * has no references, so:
 * <ul>
 * <li>a container reached again on the path that leads to it is a cycle that no Java type can
 * hold;</li>
 * <li>a shared container is copied once per path to it, and paths multiply: {@code [x, x]}
 * nested 22 times is 169 bytes and 8 million elements as a tree. So the copy has a budget of
 * elements, which a value without sharing or holes cannot reach (it takes at least one byte per
 * element, and values are at most {@value KvValueCodec#MAX_VALUE_SIZE} bytes).</li>
 * </ul>
 * Both codecs refuse either with the same message. Not thread-safe: one per decode.
 */
final class TreeCopyGuard {

	/**
	 * Most elements one copy may produce: 64 per byte of the largest value, so that modest
	 * sharing and a few holey arrays of up to a million holes still bind, while the work and the
	 * memory of a decode stay bounded by a constant.
	 */
	static final long MAX_ELEMENTS = 64L * KvValueCodec.MAX_VALUE_SIZE;

	private long elementsLeft = MAX_ELEMENTS;

	/** Containers being copied, from the root down to the current one. */
	private final IdentityHashMap<Object, Boolean> active = new IdentityHashMap<>();

	/**
	 * Starts copying {@code container}; {@link #exit} ends it.
	 * @throws KvValueMappingException if it is already being copied (the value contains a cycle)
	 */
	void enter(Object container) {
		if (this.active.put(container, Boolean.TRUE) != null) {
			throw new KvValueMappingException(
					"The value contains a cycle, which cannot be bound to a Java type; decode it as Object");
		}
	}

	/** Ends copying {@code container}: reaching it again from elsewhere is sharing, not a cycle. */
	void exit(Object container) {
		this.active.remove(container);
	}

	/**
	 * Counts {@code elements} more elements of the copy (values, holes, primitive array items).
	 * @throws KvValueMappingException once the copy passes {@link #MAX_ELEMENTS}
	 */
	void spend(long elements) {
		this.elementsLeft -= elements;
		if (this.elementsLeft < 0) {
			throw new KvValueMappingException("The value expands to too many elements to bind to a Java type (more than "
					+ MAX_ELEMENTS + "; a shared object is copied once per reference, a hole once per index);"
					+ " decode it as Object");
		}
	}

}
