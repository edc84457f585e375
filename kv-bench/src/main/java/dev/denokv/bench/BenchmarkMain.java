package dev.denokv.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The JVM compiles hot code only after it has run for a while, so each Java backend first runs the
 * same workload on a throwaway file ({@code --warmup N} entries, default the same N, 0 for none) — the
 * usual JMH-style warm-up; Deno's native SQLite path needs none. Figures are only from the second,
 * measured run on a fresh file.
 *
 * {@code floor} adds {@link PlainJdbcFloor}: plain sqlite-jdbc sequential sets, the disk's floor.
 *
 * Options: {@code --n N} (default 20000), {@code --backends sqlite,remote,floor,deno} (default all),
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
		int warmup = Integer.parseInt(opts.getOrDefault("warmup", String.valueOf(n)));
		List<String> backends = List.of(opts.getOrDefault("backends", "sqlite,remote,floor,deno").split(","));
		Path dir = opts.containsKey("dir") ? Path.of(opts.get("dir")) : Files.createTempDirectory("kv-bench");
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("n", n);
		results.put("machine", machine());
		results.put("durability", "synchronous=FULL (default of both Deno and kv-sqlite)");
		results.put("jvm_warmup_n", warmup);
		Map<String, Map<String, Workload.PhaseResult>> runs = new LinkedHashMap<>();
		for (String backend : backends) {
			switch (backend.trim()) {
				case "sqlite" -> {
					if (warmup > 0) {
						Backends.runSqlite(dir.resolve("warmup.sqlite3"), warmup);
					}
					runs.put("java_sqlite", Backends.runSqlite(dir.resolve("java.sqlite3"), n));
				}
				case "remote" -> {
					if (warmup > 0) {
						Backends.runRemote(dir.resolve("warmup-remote.sqlite3"), warmup);
					}
					runs.put("java_remote", Backends.runRemote(dir.resolve("remote.sqlite3"), n));
				}
				case "floor" -> runs.put("plain_jdbc_floor", PlainJdbcFloor.run(dir.resolve("floor.sqlite3"), n));
				case "deno" -> runs.put("deno", runDeno(opts.get("deno"), dir.resolve("deno.sqlite3"), n));
				default -> throw new IllegalArgumentException("unknown backend " + backend);
			}
		}
		Map<String, Object> phases = new LinkedHashMap<>();
		runs.forEach((name, run) -> {
			Map<String, Object> table = new LinkedHashMap<>();
			run.forEach((phase, r) -> table.put(phase, Map.of("ops", r.ops(), "ms", Math.round(r.ms() * 10) / 10.0,
					"ops_per_sec", r.opsPerSec())));
			phases.put(name, table);
		});
		results.put("runs", phases);
		Map<String, Workload.PhaseResult> deno = runs.get("deno");
		if (deno != null) {
			for (String java : List.of("java_sqlite", "java_remote", "plain_jdbc_floor")) {
				Map<String, Workload.PhaseResult> run = runs.get(java);
				if (run != null) {
					Map<String, Object> ratios = new LinkedHashMap<>();
					// Deno has one conc16 phase; Java's blocking-threads variant is compared with it too.
					run.forEach((phase, r) -> ratios.put(phase, Math.round(100.0 * r.opsPerSec()
							/ Math.max(1, deno.get(phase.replace("_threads", "")).opsPerSec())) / 100.0));
					results.put(java + "_vs_deno", ratios);
				}
			}
		}
		System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
	}

	private static Map<String, Workload.PhaseResult> runDeno(String denoPath, Path file, int n) throws Exception {
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
		JsonNode phases = JSON.readTree(out).get("phases");
		Map<String, Workload.PhaseResult> run = new LinkedHashMap<>();
		for (var e : phases.properties()) {
			run.put(e.getKey(), new Workload.PhaseResult(e.getValue().get("ops").asInt(), e.getValue().get("ms").asDouble()));
		}
		return run;
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
				throw new IllegalArgumentException("usage: --n N --warmup N --backends sqlite,remote,floor,deno --dir DIR --deno PATH");
			}
			opts.put(a.substring(2), rest.get(++i));
		}
		return opts;
	}

}
