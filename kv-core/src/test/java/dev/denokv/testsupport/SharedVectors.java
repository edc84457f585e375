package dev.denokv.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden vectors recorded from real Deno 2.9.5, read at test time from {@code ../shared/vectors}
 * beside the checkout (system property {@code denokv.shared}, set by the build).
 */
public final class SharedVectors {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private SharedVectors() {
	}

	/** The {@code shared/} folder; fails loudly when it is missing, so no vector test passes vacuously. */
	public static Path sharedDir() {
		String prop = System.getProperty("denokv.shared");
		Path dir = (prop != null) ? Path.of(prop) : Path.of("..", "..", "shared");
		if (!Files.isDirectory(dir.resolve("vectors"))) {
			throw new IllegalStateException("Golden vectors not found at " + dir.toAbsolutePath()
					+ "/vectors: the shared/ folder must sit beside the checkout (set -Ddenokv.shared to override)");
		}
		return dir;
	}

	public static Path vector(String name) {
		return sharedDir().resolve("vectors").resolve(name);
	}

	/** Every line of a {@code .jsonl} vector file as a JSON tree. */
	public static List<JsonNode> jsonLines(String name) {
		try {
			return Files.readAllLines(vector(name)).stream()
				.filter((line) -> !line.isBlank())
				.map(MAPPER::readTree)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A whole {@code .json} vector file as a JSON tree. */
	public static JsonNode json(String name) {
		try {
			return MAPPER.readTree(Files.readString(vector(name)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
