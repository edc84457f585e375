package dev.denokv.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The measured rounds of one backend, and each phase's median over them. */
record Rounds(List<Map<String, Workload.PhaseResult>> rounds) {

	Rounds {
		if (rounds.isEmpty()) {
			throw new IllegalArgumentException("at least one round is needed");
		}
	}

	/** Each phase's median ops/s over the rounds (the upper middle one for an even count). */
	Map<String, Long> medians() {
		Map<String, Long> medians = new LinkedHashMap<>();
		for (String phase : this.rounds.get(0).keySet()) {
			List<Long> figures = new ArrayList<>();
			for (Map<String, Workload.PhaseResult> round : this.rounds) {
				figures.add(round.get(phase).opsPerSec());
			}
			figures.sort(null);
			medians.put(phase, figures.get(figures.size() / 2));
		}
		return medians;
	}

	/**
	 * Each phase's ratio to {@code baseline} round by round (round i over the baseline's round i,
	 * which ran next to it): the paired view of the same figures, less swayed by a disk that drifts
	 * between rounds. {@code baselinePhase} maps a phase to the baseline's phase it compares with.
	 */
	Map<String, List<Double>> ratiosPerRound(Rounds baseline, UnaryOperator<String> baselinePhase) {
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (String phase : this.rounds.get(0).keySet()) {
			List<Double> perRound = new ArrayList<>();
			for (int i = 0; i < Math.min(this.rounds.size(), baseline.rounds.size()); i++) {
				long base = Math.max(1, baseline.rounds.get(i).get(baselinePhase.apply(phase)).opsPerSec());
				perRound.add(Math.round(100.0 * this.rounds.get(i).get(phase).opsPerSec() / base) / 100.0);
			}
			ratios.put(phase, perRound);
		}
		return ratios;
	}

	/** {@code {phase: {ops_per_sec: median, rounds_ops_per_sec: [...], ops: ...}}} */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		medians().forEach((phase, median) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("ops_per_sec", median);
			entry.put("rounds_ops_per_sec", this.rounds.stream().map((r) -> r.get(phase).opsPerSec()).toList());
			entry.put("ops", this.rounds.get(0).get(phase).ops());
			json.put(phase, entry);
		});
		return json;
	}

}
