package dev.denokv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the reference workload ({@code shared/bench/workload.md}) against the Java SQLite backend,
 * the Java Remote backend (through this project's KV Connect server on loopback) and real Deno
 * 2.9.5, in the same run on the same machine, and prints one JSON object with every figure and the
 * Java ÷ Deno ratios.
 *
 * <pre>./mvnw -q -pl kv-bench -am -DskipTests package exec:java -Dexec.args="--n 20000"</pre>
 *
 * Each backend runs the workload {@code --rounds} times (default 3), each round on a fresh file, and
 * each phase's figure is the median of its rounds: the way {@code shared/bench/deno-baseline.json}
 * was recorded, and the only way to compare fsync-bound phases that vary by tens of percent from
 * one run to the next. The rounds are interleaved (round 1 of every backend, then round 2...), in
 * ABBA order (every other round reversed), so that a disk getting faster or slower during the run
 * affects every backend alike; the disk's own
 * fsync latency ({@link FsyncProbe}) is printed before and after every round. The JVM compiles hot
 * code only after it has run for a while, so each Java backend first runs the workload
 * {@code --warmup-rounds} times (default 2) on throwaway files of {@code --warmup N} entries
 * (default the same N) — the usual JMH-style warm-up; Deno's native SQLite path needs none. Every
 * round's figures are printed too.
 *
 * {@code floor} adds {@link PlainJdbcFloor}: plain sqlite-jdbc sequential sets, the disk's floor.
 *
 * Options: {@code --n N} (default 20000), {@code --rounds R}, {@code --warmup N},
 * {@code --warmup-rounds R}, {@code --backends sqlite,deno,floor,remote} (default all, in that
 * order within a round: the SQLite backend and Deno back to back, so that they see the same disk),
 * {@code --dir DIR} for the database files (default a temp folder), {@code --deno PATH} (default the
 * Deno installed by kv-interop-tests).
 */
public final class BenchmarkMain {

	private static final JsonMapper JSON = JsonMapper.shared();

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = parse(args);
		int n = Integer.parseInt(opts.getOrDefault("n", "20000"));
		int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
		int warmup = Integer.parseInt(opts.getOrDefault("warmup", String.valueOf(n)));
		int warmupRounds = (warmup > 0) ? Integer.parseInt(opts.getOrDefault("warmup-rounds", "2")) : 0;
		List<String> backends = List.of(opts.getOrDefault("backends", "sqlite,deno,floor,remote").split(","));
		Path dir = opts.containsKey("dir") ? Path.of(opts.get("dir")) : Files.createTempDirectory("kv-bench");
		requireWorkloadSize("--n", n);
		if (warmupRounds > 0) {
			requireWorkloadSize("--warmup", warmup);
		}
		String java = "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
		Map<String, Round> rounders = new LinkedHashMap<>();
		for (String backend : backends) {
			switch (backend.trim()) {
				case "sqlite" -> rounders.put("java_sqlite", (i, file) -> new RoundResult(java + ", kv-sqlite",
						Backends.runSqlite(dir.resolve("sqlite-" + file), i)));
				case "remote" -> rounders.put("java_remote", (i, file) -> new RoundResult(
						java + ", kv-remote over HTTP on 127.0.0.1 to kv-server on kv-sqlite",
						Backends.runRemote(dir.resolve("remote-" + file), i)));
				case "floor" -> rounders.put("plain_jdbc_floor", (i, file) -> new RoundResult(java + ", plain sqlite-jdbc",
						PlainJdbcFloor.run(dir.resolve("floor-" + file), i)));
				case "deno" -> rounders.put("deno", (i, file) -> runDeno(opts.get("deno"), dir.resolve("deno-" + file), i));
				default -> throw new IllegalArgumentException("unknown backend " + backend);
			}
		}
		for (int i = 0; i < warmupRounds; i++) {
			for (String javaBackend : List.of("java_sqlite", "java_remote")) {
				if (rounders.containsKey(javaBackend)) {
					rounders.get(javaBackend).run(warmup, "warmup-" + i + ".sqlite3");
				}
			}
		}
		List<Double> fsyncMicros = new ArrayList<>();
		fsyncMicros.add(FsyncProbe.microsPerFsync(dir.resolve("fsync-probe.bin")));
		// Round by round, every backend in turn: the disk's speed drifts over minutes, and
		// interleaving lets every backend see the same drift.
		Map<String, List<RoundResult>> measured = new LinkedHashMap<>();
		for (int i = 0; i < rounds; i++) {
			// ABBA: every other round runs the backends in reverse order, so that a disk drifting
			// steadily faster or slower favours no backend for running first.
			List<Map.Entry<String, Round>> order = new ArrayList<>(rounders.entrySet());
			if (i % 2 == 1) {
				Collections.reverse(order);
			}
			for (Map.Entry<String, Round> e : order) {
				measured.computeIfAbsent(e.getKey(), (k) -> new ArrayList<>())
					.add(e.getValue().run(n, "round-" + i + ".sqlite3"));
			}
			fsyncMicros.add(FsyncProbe.microsPerFsync(dir.resolve("fsync-probe.bin")));
		}
		Map<String, Rounds> runs = new LinkedHashMap<>();
		rounders.keySet().forEach((name) -> runs.put(name, Rounds.of(measured.get(name))));
		Map<String, Object> backendsJson = new LinkedHashMap<>();
		runs.forEach((name, run) -> backendsJson.put(name, run.toJson(n)));
		// The workload's own shape first ({"runtime", "n", "phases"}), for the backend under test
		// (the SQLite backend when it ran), then everything else.
		@SuppressWarnings("unchecked")
		Map<String, Object> results = new LinkedHashMap<>(
				(Map<String, Object>) backendsJson.getOrDefault("java_sqlite", backendsJson.values().iterator().next()));
		results.put("durability", "synchronous=FULL (default of both Deno and kv-sqlite)");
		results.put("machine", machine());
		results.put("rounds", rounds);
		results.put("statistic", "median of the rounds, per phase (ms is the median round's); each round on a fresh file");
		results.put("jvm_warmup", Map.of("rounds", warmupRounds, "n", warmup));
		results.put("disk_fsync_us", Map.of("what", FsyncProbe.DESCRIPTION, "before_and_after_each_round", fsyncMicros));
		results.put("backends", backendsJson);
		Rounds deno = runs.get("deno");
		if (deno != null) {
			for (String javaBackend : List.of("java_sqlite", "java_remote", "plain_jdbc_floor")) {
				Rounds run = runs.get(javaBackend);
				if (run != null) {
					Map<String, Object> ratios = new LinkedHashMap<>();
					// Deno has one conc16 phase; Java's blocking-threads variant is compared with it too.
					run.medians().forEach((phase, opsPerSec) -> ratios.put(phase, Math.round(100.0 * opsPerSec
							/ Math.max(1, deno.medians().get(phase.replace("_threads", "")))) / 100.0));
					results.put(javaBackend + "_vs_deno", ratios);
					results.put(javaBackend + "_vs_deno_per_round",
							run.ratiosPerRound(deno, (phase) -> phase.replace("_threads", "")));
				}
			}
		}
		System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
	}

	/** One round of a backend: the workload with {@code n} entries on a fresh file named {@code file}. */
	@FunctionalInterface
	private interface Round {

		RoundResult run(int n, String file) throws Exception;

	}

	/**
	 * The atomic phase checks the versionstamps of keys 0..1999 read by the list phase, so a
	 * smaller workload cannot run it: refuse it up front rather than fail halfway.
	 */
	private static void requireWorkloadSize(String option, int n) {
		if (n < Workload.ATOMICS) {
			throw new IllegalArgumentException(option + " " + n + " is below " + Workload.ATOMICS
					+ ": the atomic phase checks keys 0.." + (Workload.ATOMICS - 1) + ", which must exist");
		}
	}

	private static RoundResult runDeno(String denoPath, Path file, int n) throws Exception {
		Path deno = Path.of((denoPath != null) ? denoPath : "kv-interop-tests/deno/node_modules/.bin/deno");
		if (!Files.isExecutable(deno) && denoPath == null) {
			installDeno();
		}
		if (!Files.isExecutable(deno)) {
			throw new IllegalStateException("Deno not found at " + deno.toAbsolutePath() + "; pass --deno PATH");
		}
		Path script = Files.createTempFile("workload", ".ts");
		try (InputStream in = BenchmarkMain.class.getResourceAsStream("/bench/workload.ts")) {
			Files.write(script, in.readAllBytes());
		}
		Process p = new ProcessBuilder(deno.toString(), "run", "-A", "--unstable-kv", "--quiet", script.toString(),
				file.toString(), String.valueOf(n))
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
			throw new IllegalStateException("Deno workload failed: " + out);
		}
		JsonNode json = JSON.readTree(out);
		JsonNode phases = json.get("phases");
		Map<String, Workload.PhaseResult> run = new LinkedHashMap<>();
		for (var e : phases.properties()) {
			run.put(e.getKey(), new Workload.PhaseResult(e.getValue().get("ops").asInt(), e.getValue().get("ms").asDouble()));
		}
		return new RoundResult(json.get("runtime").asString(), run);
	}

	/** Installs the pinned deno 2.9.5 from the npm registry, as the interop tests' build does. */
	private static void installDeno() throws Exception {
		System.err.println("Installing deno 2.9.5 with 'npm ci' in kv-interop-tests/deno ...");
		Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
			.directory(Path.of("kv-interop-tests", "deno").toFile())
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
			throw new IllegalStateException("'npm ci' failed: Node 18+ with npm and the npm registry are needed for Deno");
		}
	}

	private static Map<String, Object> machine() throws IOException {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("cpus", Runtime.getRuntime().availableProcessors());
		m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
		m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (Files.isReadable(cpuinfo)) {
			Files.readAllLines(cpuinfo).stream()
				.filter((l) -> l.startsWith("model name"))
				.findFirst()
				.ifPresent((l) -> m.put("cpu_model", l.substring(l.indexOf(':') + 1).trim()));
		}
		return m;
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> opts = new LinkedHashMap<>();
		List<String> rest = new ArrayList<>(List.of(args));
		for (int i = 0; i < rest.size(); i++) {
			String a = rest.get(i);
			if (!a.startsWith("--") || i + 1 >= rest.size()) {
				throw new IllegalArgumentException("usage: --n N --rounds R --warmup N --warmup-rounds R "
						+ "--backends sqlite,deno,floor,remote --dir DIR --deno PATH");
			}
			opts.put(a.substring(2), rest.get(++i));
		}
		return opts;
	}

}
