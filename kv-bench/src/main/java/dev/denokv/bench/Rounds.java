package dev.denokv.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The measured rounds of one backend, and each phase's median over them. */
record Rounds(String runtime, List<Map<String, Workload.PhaseResult>> rounds) {

	Rounds {
		if (rounds.isEmpty()) {
			throw new IllegalArgumentException("at least one round is needed");
		}
	}

	static Rounds of(List<RoundResult> results) {
		return new Rounds(results.get(0).runtime(), results.stream().map(RoundResult::phases).toList());
	}

	/** Each phase's median ops/s over the rounds (the upper middle one for an even count). */
	Map<String, Long> medians() {
		Map<String, Long> medians = new LinkedHashMap<>();
		medianRounds().forEach((phase, result) -> medians.put(phase, result.opsPerSec()));
		return medians;
	}

	/** Each phase's median round by ops/s (the upper middle one for an even count). */
	private Map<String, Workload.PhaseResult> medianRounds() {
		Map<String, Workload.PhaseResult> medians = new LinkedHashMap<>();
		for (String phase : this.rounds.get(0).keySet()) {
			List<Workload.PhaseResult> results = new ArrayList<>();
			for (Map<String, Workload.PhaseResult> round : this.rounds) {
				results.add(round.get(phase));
			}
			results.sort(Comparator.comparingLong(Workload.PhaseResult::opsPerSec));
			medians.put(phase, results.get(results.size() / 2));
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

	/**
	 * The workload's output shape, {@code {"runtime", "n", "phases": {phase: {"ops", "ms",
	 * "ops_per_sec"}}}}, with each phase's median round, plus every round's ops/s in
	 * {@code rounds_ops_per_sec}.
	 */
	Map<String, Object> toJson(int n) {
		Map<String, Object> phases = new LinkedHashMap<>();
		medianRounds().forEach((phase, median) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("ops", median.ops());
			entry.put("ms", Math.round(median.ms() * 10) / 10.0);
			entry.put("ops_per_sec", median.opsPerSec());
			entry.put("rounds_ops_per_sec", this.rounds.stream().map((r) -> r.get(phase).opsPerSec()).toList());
			phases.put(phase, entry);
		});
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("runtime", this.runtime);
		json.put("n", n);
		json.put("phases", phases);
		return json;
	}

}
