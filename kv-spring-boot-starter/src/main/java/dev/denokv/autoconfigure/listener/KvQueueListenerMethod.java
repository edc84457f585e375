package dev.denokv.autoconfigure.listener;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.springframework.util.ReflectionUtils;

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

	/** The type messages are decoded into. */
	public Class<?> payloadType() {
		return this.method.getParameterTypes()[0];
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
