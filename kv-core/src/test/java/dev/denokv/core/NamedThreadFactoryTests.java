package dev.denokv.core;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Library threads: daemon, named, and never with the context class loader of the thread that made them. */
class NamedThreadFactoryTests {

	@Test
	void numberedThreadsAreDaemonsWithTheLibraryClassLoader() throws Exception {
		List<Thread> made = createFrom(new NamedThreadFactory("test-pool-"), 2);
		assertThat(made).extracting(Thread::getName).containsExactly("test-pool-1", "test-pool-2");
		assertThat(made).allSatisfy((thread) -> {
			assertThat(thread.isDaemon()).isTrue();
			assertThat(thread.getContextClassLoader()).isSameAs(NamedThreadFactory.class.getClassLoader());
		});
	}

	@Test
	void fixedNameThreadsAllHaveTheSameName() throws Exception {
		List<Thread> made = createFrom(NamedThreadFactory.fixedName("test-single"), 2);
		assertThat(made).extracting(Thread::getName).containsExactly("test-single", "test-single");
		assertThat(made).allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	/** Creates threads from a thread whose context class loader is a web application's stand-in. */
	private static List<Thread> createFrom(NamedThreadFactory factory, int count) throws Exception {
		List<Thread> made = new CopyOnWriteArrayList<>();
		try (URLClassLoader webapp = new URLClassLoader(new URL[0], null)) {
			Thread requestThread = new Thread(() -> {
				for (int i = 0; i < count; i++) {
					made.add(factory.newThread(() -> {
					}));
				}
			});
			requestThread.setContextClassLoader(webapp);
			requestThread.start();
			requestThread.join(10_000);
		}
		assertThat(made).hasSize(count);
		return made;
	}

}
