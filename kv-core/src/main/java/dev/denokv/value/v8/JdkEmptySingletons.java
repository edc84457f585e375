package dev.denokv.value.v8;

import java.util.Collection;
import java.util.Map;

/**
 * Recognizes the JDK's shared empty collections and maps ({@code List.of()}, {@code Set.of()},
 * {@code Map.of()}, {@code Collections.emptyList()} and the like), which the writer must not track
 * by identity.
 *
 * <p>Each of these is one instance for the whole JVM, so two unrelated empty fields are "the same
 * object" to Java although nobody shared them; tracked by identity, the second would be written as a
 * back-reference and Deno would read one shared array where the application meant two. An empty
 * immutable collection has no state to share, so writing each occurrence as its own object loses
 * nothing. The rule is by class rather than by instance so that it covers every such singleton
 * (including {@code Collections.emptyNavigableMap()} and future ones) without listing them: empty,
 * and a class from {@code ImmutableCollections} or one of {@code Collections}' empty or unmodifiable
 * types. Mutable empty collections (an {@code ArrayList}, a synchronized wrapper) keep their identity:
 * the application may really share them.
 */
final class JdkEmptySingletons {

	private JdkEmptySingletons() {
	}

	static boolean is(Object value) {
		boolean empty = (value instanceof Collection<?> c) ? c.isEmpty() : (value instanceof Map<?, ?> m) && m.isEmpty();
		if (!empty) {
			return false;
		}
		String name = value.getClass().getName();
		return name.startsWith("java.util.ImmutableCollections$") || name.startsWith("java.util.Collections$Empty")
				|| name.startsWith("java.util.Collections$Unmodifiable");
	}

}
