package dev.denokv.autoconfigure.listener;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link KvQueueListener} method among the application's beans as they are created. The
 * {@link KvQueueListenerContainer} reads the result when it starts, after every singleton exists.
 * A second listener method fails the startup with a clear message (see {@link KvQueueListener}).
 */
public class KvQueueListenerMethodCollector implements BeanPostProcessor {

	private final AtomicReference<KvQueueListenerMethod> listener = new AtomicReference<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		for (Method method : listenerMethods(AopUtils.getTargetClass(bean)).keySet()) {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			register(new KvQueueListenerMethod(beanName, bean, invocable));
		}
		return bean;
	}

	/** Whether {@code type} declares or inherits a {@link KvQueueListener} method. */
	static boolean hasListenerMethods(Class<?> type) {
		return type != null && !listenerMethods(type).isEmpty();
	}

	private static Map<Method, KvQueueListener> listenerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<KvQueueListener>) (
				method) -> AnnotatedElementUtils.findMergedAnnotation(method, KvQueueListener.class));
	}

	private void register(KvQueueListenerMethod method) {
		if (!this.listener.compareAndSet(null, method)) {
			throw new IllegalStateException("Found more than one @KvQueueListener method: " + this.listener.get()
					+ " and " + method + ". A Deno KV database has a single queue, so an application has one listener"
					+ " method; let its parameter be a polymorphic type (for example a sealed interface with Jackson's"
					+ " @JsonTypeInfo) and dispatch inside it.");
		}
	}

	/** The listener method found so far, or {@code null}. */
	public KvQueueListenerMethod listener() {
		return this.listener.get();
	}

}
