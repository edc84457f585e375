package dev.denokv.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs real Deno 2.9.5 (installed by this module's build from the npm registry) on a script and
 * returns its standard output. Never skips: when Deno is missing, tests fail with a clear message.
 */
public final class Deno {

	/** Deno's version, pinned in {@code deno/package.json}. */
	public static final String VERSION = "2.9.5";

	private Deno() {
	}

	/** The Deno executable; fails loudly if the build did not install it. */
	public static Path executable() {
		String prop = System.getProperty("denokv.deno");
		Path exe = (prop != null) ? Path.of(prop) : Path.of("deno", "node_modules", ".bin", "deno");
		if (!Files.isExecutable(exe)) {
			throw new IllegalStateException("Deno " + VERSION + " is not installed at " + exe.toAbsolutePath()
					+ ". The interop tests need it: run the build with network access to the npm registry "
					+ "(the kv-interop-tests module runs 'npm ci' in kv-interop-tests/deno), with Node 18+ and npm on the PATH.");
		}
		return exe;
	}

	/** The {@code node_modules} folder holding {@code @deno/kv}, for Node scripts. */
	public static Path nodeModules() {
		String prop = System.getProperty("denokv.nodeModules");
		return (prop != null) ? Path.of(prop) : Path.of("deno", "node_modules");
	}

	/**
	 * Runs {@code deno run -A --unstable-kv <script> <args>} and returns stdout. A non-zero exit or
	 * a timeout fails with stderr in the message.
	 */
	public static String run(Path script, List<String> args, Map<String, String> env, long timeoutSeconds) {
		List<String> cmd = new ArrayList<>(List.of(executable().toString(), "run", "-A", "--unstable-kv", "--no-lock",
				"--quiet", script.toString()));
		cmd.addAll(args);
		return exec(cmd, env, timeoutSeconds);
	}

	/** Runs {@code node <script> <args>} with {@code NODE_PATH} pointing at the installed @deno/kv. */
	public static String runNode(Path script, List<String> args, Map<String, String> env, long timeoutSeconds) {
		List<String> cmd = new ArrayList<>(List.of("node", script.toString()));
		cmd.addAll(args);
		Map<String, String> all = new java.util.HashMap<>(env);
		all.put("NODE_PATH", nodeModules().toAbsolutePath().toString());
		return exec(cmd, all, timeoutSeconds);
	}

	/** Writes {@code source} to a temporary {@code .ts}/{@code .mjs} file and returns its path. */
	public static Path script(Path dir, String name, String source) {
		try {
			Path file = dir.resolve(name);
			Files.writeString(file, source);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Copies the script {@code /interop/<main>} and the sibling modules it imports (such as
	 * {@code key-descriptor.ts}) from the test resources into {@code dir}, where Deno resolves
	 * {@code "./<module>"} imports.
	 * @return the path of the copied main script
	 */
	public static Path scripts(Path dir, String main, String... modules) {
		for (String module : modules) {
			script(dir, module, resource(module));
		}
		return script(dir, main, resource(main));
	}

	/** The text of the test resource {@code /interop/<name>}. */
	public static String resource(String name) {
		try (InputStream in = Deno.class.getResourceAsStream("/interop/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing test resource /interop/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String exec(List<String> cmd, Map<String, String> env, long timeoutSeconds) {
		try {
			ProcessBuilder pb = new ProcessBuilder(cmd);
			pb.environment().putAll(env);
			pb.environment().put("NO_COLOR", "1");
			pb.environment().put("DENO_NO_UPDATE_CHECK", "1");
			Path out = Files.createTempFile("deno-out", ".txt");
			Path err = Files.createTempFile("deno-err", ".txt");
			pb.redirectOutput(out.toFile());
			pb.redirectError(err.toFile());
			Process p = pb.start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("Timed out after " + timeoutSeconds + " s: " + cmd + "\nstderr:\n"
						+ Files.readString(err));
			}
			String stdout = Files.readString(out, StandardCharsets.UTF_8);
			String stderr = Files.readString(err, StandardCharsets.UTF_8);
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
			if (p.exitValue() != 0) {
				throw new AssertionError("Exit " + p.exitValue() + ": " + cmd + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
			}
			return stdout;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
