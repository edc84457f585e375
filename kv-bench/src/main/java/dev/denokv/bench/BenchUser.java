package dev.denokv.bench;

import java.util.List;

/** The workload's {@code value(i)}: stored as a plain JS object, about 108 bytes in V8 form. */
public record BenchUser(int id, String name, String email, boolean active, double score, List<String> tags) {

	private static final List<String> TAGS = List.of("alpha", "beta");

	static BenchUser of(int i) {
		return new BenchUser(i, "user-" + i, "user" + i + "@example.com", i % 2 == 0, i * 1.5, TAGS);
	}

	BenchUser withScore(double newScore) {
		return new BenchUser(this.id, this.name, this.email, this.active, newScore, this.tags);
	}

}
