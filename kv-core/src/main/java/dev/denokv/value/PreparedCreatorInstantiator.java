package dev.denokv.value;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Jackson's standard instantiator with a cheaper call of the properties-based creator (a record's
 * canonical constructor, a {@code @JsonCreator} constructor or static factory). Jackson 3 calls
 * such creators with {@code MethodHandle.invokeWithArguments}, which builds an argument spreader
 * on every call; here the spreading handle is built once. Everything else (which creator, which
 * arguments, null and default handling, error wrapping) stays Jackson's: only the final call
 * differs, and its failures go through the same {@code handleInstantiationProblem} path.
 */
final class PreparedCreatorInstantiator extends StdValueInstantiator {

	/** The creator as {@code (Object[]) -> Object}, with the same conversions as invokeWithArguments. */
	private final MethodHandle creator;

	private PreparedCreatorInstantiator(StdValueInstantiator source, MethodHandle creator) {
		super(source);
		this.creator = creator;
	}

	/**
	 * The prepared form of {@code instantiator}, or {@code instantiator} itself if it is not
	 * Jackson's plain standard instantiator with a constructor or static factory creator.
	 */
	static ValueInstantiator preparedOrSame(ValueInstantiator instantiator) {
		if (instantiator.getClass() != StdValueInstantiator.class || !instantiator.canCreateFromObjectWith()) {
			return instantiator;
		}
		StdValueInstantiator standard = (StdValueInstantiator) instantiator;
		MethodHandle creator = spreadingHandle(standard.getWithArgsCreator());
		return (creator != null) ? new PreparedCreatorInstantiator(standard, creator) : instantiator;
	}

	private static MethodHandle spreadingHandle(AnnotatedWithParams creator) {
		try {
			MethodHandle handle;
			if (creator instanceof AnnotatedConstructor constructor) {
				handle = MethodHandles.lookup().unreflectConstructor(constructor.getAnnotated());
			}
			else if (creator instanceof AnnotatedMethod method && Modifier.isStatic(method.getModifiers())) {
				handle = MethodHandles.lookup().unreflect(method.getAnnotated());
			}
			else {
				return null;
			}
			// As Jackson prepares it (fixed arity), then what invokeWithArguments adds per call.
			handle = handle.asFixedArity();
			int arity = handle.type().parameterCount();
			return handle.asType(handle.type().generic()).asSpreader(Object[].class, arity);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			// Not accessible from here (Jackson may still reach it): keep Jackson's own call.
			return null;
		}
	}

	@Override
	public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
		try {
			return (Object) this.creator.invokeExact(args);
		}
		catch (Exception ex) {
			return ctxt.handleInstantiationProblem(this._valueClass, args, rewrapCtorProblem(ctxt, ex));
		}
		catch (Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new UndeclaredThrowableException(ex);
		}
	}

}
