package dev.denokv.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's fsync latency right now, the way a WAL commit pays it: 12 KiB (three pages) written
 * over existing blocks of a file, then {@code fsync}. Sequential commits of either side can be no
 * faster than this, and the disk of a shared machine drifts by a factor of two within minutes, so
 * the benchmark prints it next to the write phases.
 */
final class FsyncProbe {

	static final String DESCRIPTION = "12 KiB overwritten in place, then fsync; mean of 500";

	private static final int WRITES = 500;

	private static final int BLOCK = 12 * 1024;

	private FsyncProbe() {
	}

	static double microsPerFsync(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE)) {
			ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
			for (int i = 0; i < 100; i++) {
				block.clear();
				channel.write(block, (long) i * BLOCK);
			}
			channel.force(true);
			long start = System.nanoTime();
			for (int i = 0; i < WRITES; i++) {
				block.clear();
				channel.write(block, (long) (i % 100) * BLOCK);
				channel.force(true);
			}
			return Math.round((System.nanoTime() - start) / 1e2 / WRITES) / 10.0;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
