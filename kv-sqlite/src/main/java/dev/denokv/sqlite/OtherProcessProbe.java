package dev.denokv.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Whether a process other than this one has the database file open, read from Linux's
 * {@code /proc/locks}: every SQLite connection holds a shared POSIX lock on the file for as long
 * as it is open in WAL mode, so another process's connection shows up there by the file's inode.
 * Where that cannot be read (another OS, no inode), the answer is {@code false}: the writer then
 * behaves as if alone until it sees another process write. Answers are kept for half a second.
 */
final class OtherProcessProbe implements BooleanSupplier {

	private static final Path PROC_LOCKS = Path.of("/proc/locks");

	private static final long CACHE_NANOS = 500_000_000L;

	private final String inodeSuffix;

	private final String ownPid = String.valueOf(ProcessHandle.current().pid());

	private long checkedAt;

	private boolean present;

	private boolean checkedOnce;

	private OtherProcessProbe(String inodeSuffix) {
		this.inodeSuffix = inodeSuffix;
	}

	/** A probe for {@code file}, or one that always answers {@code false} where it cannot look. */
	static BooleanSupplier of(Path file) {
		try {
			if (!Files.isReadable(PROC_LOCKS)) {
				return () -> false;
			}
			// The device field's format varies; the inode is the part after the last colon.
			return new OtherProcessProbe(":" + Files.getAttribute(file, "unix:ino"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException ex) {
			return () -> false;
		}
	}

	@Override
	public boolean getAsBoolean() {
		long now = System.nanoTime();
		if (!this.checkedOnce || now - this.checkedAt > CACHE_NANOS) {
			this.present = look();
			this.checkedAt = now;
			this.checkedOnce = true;
		}
		return this.present;
	}

	private boolean look() {
		List<String> lines;
		try {
			lines = Files.readAllLines(PROC_LOCKS);
		}
		catch (IOException | SecurityException ex) {
			return false;
		}
		for (String line : lines) {
			// "1: POSIX  ADVISORY  READ 2446 fe:00:2146852 1073741826 1073742335"
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 6 && !fields[1].equals("->") && fields[5].endsWith(this.inodeSuffix)
					&& !fields[4].equals(this.ownPid)) {
				return true;
			}
		}
		return false;
	}

}
