package dev.denokv.autoconfigure.remote;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library-private scheduling runs the library bean's {@code @Scheduled} method, but neither
 * enables scheduling for the application nor exports a scheduler.
 */
class DenoKvPrivateSchedulingTests {

	@Test
	void runsOnlyTheGivenBeanOnAPrivateThread() {
		new ApplicationContextRunner().withUserConfiguration(Config.class)
			.withPropertyValues("test.interval=20ms")
			.run((context) -> {
				LibraryBean library = context.getBean(LibraryBean.class);
				assertThat(library.ran.await(5, TimeUnit.SECONDS)).isTrue();
				assertThat(library.threadName).startsWith("denokv-test-");
				assertThat(context.getBean(DenoKvPrivateScheduling.class).scheduledTasks()).hasSize(1);
				// The application's own @Scheduled method is not switched on, and no scheduler is exported.
				Thread.sleep(100);
				assertThat(context.getBean(ApplicationBean.class).runs).hasValue(0);
				assertThat(context.getBeansOfType(TaskScheduler.class)).isEmpty();
			});
	}

	@Test
	void stopsWithTheContext() throws InterruptedException {
		LibraryBean[] holder = new LibraryBean[1];
		new ApplicationContextRunner().withUserConfiguration(Config.class)
			.withPropertyValues("test.interval=20ms")
			.run((context) -> {
				holder[0] = context.getBean(LibraryBean.class);
				assertThat(holder[0].ran.await(5, TimeUnit.SECONDS)).isTrue();
			});
		int runs = holder[0].runs.get();
		Thread.sleep(Duration.ofMillis(150).toMillis());
		assertThat(holder[0].runs.get()).isLessThanOrEqualTo(runs + 1);
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		LibraryBean libraryBean() {
			return new LibraryBean();
		}

		@Bean
		ApplicationBean applicationBean() {
			return new ApplicationBean();
		}

		@Bean
		DenoKvPrivateScheduling scheduling(LibraryBean bean, Environment environment) {
			return new DenoKvPrivateScheduling(bean, "libraryBean", environment::resolvePlaceholders, "denokv-test-");
		}

	}

	static class LibraryBean {

		final CountDownLatch ran = new CountDownLatch(2);

		final AtomicInteger runs = new AtomicInteger();

		volatile String threadName;

		@Scheduled(fixedDelayString = "${test.interval}")
		void tick() {
			this.threadName = Thread.currentThread().getName();
			this.runs.incrementAndGet();
			this.ran.countDown();
		}

	}

	static class ApplicationBean {

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 10)
		void tick() {
			this.runs.incrementAndGet();
		}

	}

}
