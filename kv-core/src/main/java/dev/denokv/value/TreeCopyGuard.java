package dev.denokv.value;

import java.util.IdentityHashMap;

/**
 * Guards one copy of a natural form into a tree (Jackson tokens, records, lists): the natural
 * form is a graph, because V8 writes a repeated object once and back-references it, and a tree
 * has no references, so a container reached again on the path that leads to it is a cycle that
 * no Java type can hold. Both codecs refuse it with the same message. Not thread-safe: one per
 * decode.
 */
final class TreeCopyGuard {

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

}
