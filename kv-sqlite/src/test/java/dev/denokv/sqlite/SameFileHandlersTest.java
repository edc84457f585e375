package dev.denokv.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two handlers of one JVM on one file count as "others" for each other (the process's
 * {@code /proc/locks} entries cannot tell them apart), so that {@link WriteLockFairness} pauses for
 * the other as for another process.
 */
class SameFileHandlersTest {

	@TempDir
	Path dir;

	@Test
	void handlersAreCountedPerFileUntilClosed() throws Exception {
		Path a = Files.createFile(this.dir.resolve("a"));
		Path b = Files.createFile(this.dir.resolve("b"));
		try (SameFileHandlers.Registration first = SameFileHandlers.register(a);
				SameFileHandlers.Registration other = SameFileHandlers.register(b)) {
			assertThat(first.othersOpen()).isFalse();
			SameFileHandlers.Registration second = SameFileHandlers.register(this.dir.resolve(".").resolve("a"));
			assertThat(first.othersOpen()).isTrue();
			assertThat(other.othersOpen()).as("another file").isFalse();
			second.close();
			second.close(); // idempotent
			assertThat(first.othersOpen()).isFalse();
		}
	}

}
