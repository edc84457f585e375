package dev.denokv.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains {@link DenoKvBackendMissingException} at startup and says how to fix it. */
class DenoKvBackendMissingFailureAnalyzer extends AbstractFailureAnalyzer<DenoKvBackendMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DenoKvBackendMissingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Add the dependency dev.denokv:kv-remote (the starter brings it unless it was excluded), or set "
						+ "deno.kv.url to a SQLite file path or :memory:.",
				cause);
	}

}
