package dev.denokv.value;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Objects;

/**
 * The Java type a value is decoded into, generic types included: a {@code Class<T>} cannot say
 * {@code List<Todo>}. Capture one with an anonymous subclass, as with Spring's
 * {@code ParameterizedTypeReference}:
 *
 * <pre>KvEntry&lt;List&lt;Todo&gt;&gt; e = kv.get(key, new KvType&lt;List&lt;Todo&gt;&gt;() { });</pre>
 *
 * Immutable; equal when the types are equal, so it can key a cache.
 *
 * @param <T> the type
 */
public abstract class KvType<T> {

	private final Type type;

	/** Captures the type argument of the anonymous subclass. */
	protected KvType() {
		Type superclass = getClass().getGenericSuperclass();
		if (!(superclass instanceof ParameterizedType parameterized) || getClass().getSuperclass() != KvType.class) {
			throw new IllegalStateException("KvType must be created as a direct anonymous subclass with a type argument: "
					+ "new KvType<List<Todo>>() { }");
		}
		this.type = checked(parameterized.getActualTypeArguments()[0]);
	}

	private KvType(Type type) {
		this.type = checked(type);
	}

	/** The type of a class. */
	public static <T> KvType<T> of(Class<T> type) {
		return new KvType<>(type) {
		};
	}

	/**
	 * A type known only at runtime, such as a method's generic parameter type; the caller vouches
	 * that {@code T} matches it.
	 */
	public static <T> KvType<T> of(Type type) {
		return new KvType<>(type) {
		};
	}

	private static Type checked(Type type) {
		Objects.requireNonNull(type, "type");
		if (type instanceof TypeVariable<?> variable) {
			// new KvType<T>() { } inside a generic method: erasure leaves nothing to decode into.
			throw new IllegalArgumentException("A type variable (" + variable.getName() + ") cannot be decoded into;"
					+ " capture a concrete type");
		}
		return type;
	}

	/** The captured type: a {@code Class}, a {@code ParameterizedType}, ... */
	public Type type() {
		return this.type;
	}

	/** The captured type if it is a plain class, else null (a generic type). */
	public Class<?> asClass() {
		return (this.type instanceof Class<?> c) ? c : null;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof KvType<?> that) && this.type.equals(that.type);
	}

	@Override
	public int hashCode() {
		return this.type.hashCode();
	}

	@Override
	public String toString() {
		return "KvType<" + this.type.getTypeName() + ">";
	}

}
