package dev.denokv.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The standalone KV Connect server ({@code dev.denokv.server.KvServerMain}) as its own JVM process,
 * started with this test's class path, exactly as {@code java -jar kv-server-*-exec.jar} runs it.
 */
final class StandaloneServerProcess implements AutoCloseable {

	private final Process process;

	private final String url;

	private final Path stderr;

	private StandaloneServerProcess(Process process, String url, Path stderr) {
		this.process = process;
		this.url = url;
		this.stderr = stderr;
	}

	/** Starts the server and waits (at most 60 s) for its {@code Listening on} line. */
	static StandaloneServerProcess start(Path workDir, List<String> args) throws Exception {
		Process process = launch(workDir, args);
		BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				return out.readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		String first;
		try {
			first = line.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw new AssertionError("The server did not report that it listens: " + ex, ex);
		}
		if (first == null || !first.startsWith("Listening on ")) {
			process.destroyForcibly();
			throw new AssertionError("Unexpected first line: " + first + "\n" + java.nio.file.Files.readString(workDir.resolve("server-err.txt")));
		}
		return new StandaloneServerProcess(process, first.substring("Listening on ".length()), workDir.resolve("server-err.txt"));
	}

	/** Runs the server command to completion (for invalid command lines) and returns its exit code. */
	static int runToExit(Path workDir, List<String> args) throws Exception {
		Process process = launch(workDir, args);
		process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("did not exit");
		}
		return process.exitValue();
	}

	private static Process launch(Path workDir, List<String> args) throws IOException {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "dev.denokv.server.KvServerMain"));
		cmd.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
		pb.environment().remove("DENO_KV_ACCESS_TOKEN");
		pb.environment().remove("DENO_KV_SQLITE_PATH");
		pb.redirectError(workDir.resolve("server-err.txt").toFile());
		return pb.start();
	}

	/** The URL from the {@code Listening on} line. */
	String url() {
		return this.url;
	}

	String stderr() throws IOException {
		return java.nio.file.Files.readString(this.stderr);
	}

	/** Sends SIGTERM and waits for a clean exit. */
	int stop() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new AssertionError("The server did not stop on SIGTERM within 30 s");
		}
		return this.process.exitValue();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

}
