package dev.denokv.autoconfigure.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.GenericTypeResolver;
import org.springframework.util.ReflectionUtils;

import dev.denokv.value.KvType;

/**
 * One {@link KvQueueListener} method bound to its bean.
 *
 * @param beanName name of the bean that declares the method
 * @param bean the bean (possibly a proxy) the method is invoked on
 * @param method the method to invoke, already resolved against the bean's class
 */
public record KvQueueListenerMethod(String beanName, Object bean, Method method) {

	public KvQueueListenerMethod {
		if (method.getParameterCount() != 1) {
			throw new IllegalStateException("@KvQueueListener method " + describe(beanName, method)
					+ " must take exactly one parameter, the message");
		}
		ReflectionUtils.makeAccessible(method);
	}

	/**
	 * The type messages are decoded into: the parameter's generic type ({@code List<Todo>} stays
	 * {@code List<Todo>}), resolved against the bean's class; its raw class where a type variable
	 * is left.
	 */
	public KvType<?> payloadType() {
		Type type = GenericTypeResolver.resolveType(this.method.getGenericParameterTypes()[0],
				AopUtils.getTargetClass(this.bean));
		return (type instanceof TypeVariable<?>) ? KvType.of(this.method.getParameterTypes()[0]) : KvType.of(type);
	}

	/**
	 * Calls the method with a decoded message.
	 * @throws Exception whatever the method threw
	 */
	public void invoke(Object message) throws Exception {
		try {
			this.method.invoke(this.bean, message);
		}
		catch (InvocationTargetException ex) {
			if (ex.getTargetException() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return describe(this.beanName, this.method);
	}

	private static String describe(String beanName, Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName() + " (bean '" + beanName + "')";
	}

}
