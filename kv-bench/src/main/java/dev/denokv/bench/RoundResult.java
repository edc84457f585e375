package dev.denokv.bench;

import java.util.Map;

/**
 * One round of one backend: what ran it (the workload's {@code runtime} line, e.g.
 * {@code "deno 2.9.5"}) and each phase's result.
 */
record RoundResult(String runtime, Map<String, Workload.PhaseResult> phases) {

}
