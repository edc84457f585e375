package dev.denokv.autoconfigure.remote;

import java.util.Set;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.util.StringValueResolver;

/**
 * Runs the {@link Scheduled @Scheduled} methods of <em>one</em> library bean on a scheduler the
 * library owns, without enabling scheduling for the application.
 * <p>
 * {@code @EnableScheduling} would register a global {@link ScheduledAnnotationBeanPostProcessor}
 * that starts every {@code @Scheduled} method in the application, and exporting a
 * {@code TaskScheduler} bean would make Boot's own scheduler back off (spring-boot-4.md §6). This
 * class instead creates a private post-processor instance that is not a bean: it never sees the
 * application's beans, never looks up the application's {@code TaskScheduler} or
 * {@code SchedulingConfigurer}s, and is handed only the given bean. Its tasks run on a private
 * single daemon thread and stop when the context stops, before any bean is destroyed.
 */
public final class DenoKvPrivateScheduling implements SmartLifecycle {

	private final Object bean;

	private final String beanName;

	private final StringValueResolver valueResolver;

	private final String threadNamePrefix;

	private final Object lifecycleMonitor = new Object();

	private ThreadPoolTaskScheduler scheduler;

	private ScheduledAnnotationBeanPostProcessor processor;

	/**
	 * @param bean the bean whose {@code @Scheduled} methods to run
	 * @param beanName its name, for log messages
	 * @param valueResolver resolves {@code ${...}} placeholders in the annotations (the environment)
	 * @param threadNamePrefix name prefix of the private scheduler thread
	 */
	public DenoKvPrivateScheduling(Object bean, String beanName, StringValueResolver valueResolver,
			String threadNamePrefix) {
		this.bean = bean;
		this.beanName = beanName;
		this.valueResolver = valueResolver;
		this.threadNamePrefix = threadNamePrefix;
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.processor != null) {
				return;
			}
			ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
			taskScheduler.setPoolSize(1);
			taskScheduler.setDaemon(true);
			taskScheduler.setThreadNamePrefix(this.threadNamePrefix);
			taskScheduler.setWaitForTasksToCompleteOnShutdown(false);
			taskScheduler.initialize();
			ScheduledAnnotationBeanPostProcessor postProcessor = new ScheduledAnnotationBeanPostProcessor();
			postProcessor.setScheduler(taskScheduler);
			postProcessor.setEmbeddedValueResolver(this.valueResolver);
			postProcessor.postProcessAfterInitialization(this.bean, this.beanName);
			// Without an ApplicationContext or BeanFactory this schedules the collected tasks right away.
			postProcessor.afterSingletonsInstantiated();
			this.scheduler = taskScheduler;
			this.processor = postProcessor;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.processor == null) {
				return;
			}
			this.processor.destroy();
			this.scheduler.shutdown();
			this.processor = null;
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.processor != null;
		}
	}

	/** The tasks scheduled for the bean (empty when stopped). */
	public Set<ScheduledTask> scheduledTasks() {
		synchronized (this.lifecycleMonitor) {
			return (this.processor != null) ? this.processor.getScheduledTasks() : Set.of();
		}
	}

}
