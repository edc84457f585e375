package dev.denokv.handler;

import java.util.List;

/**
 * Checks, mutations and enqueues to apply all together or not at all. Mutations run in list order
 * after every check has passed; all keys written by one commit share its versionstamp.
 */
public record AtomicWrite(List<Check> checks, List<Mutation> mutations, List<Enqueue> enqueues) {

	public AtomicWrite {
		checks = List.copyOf(checks);
		mutations = List.copyOf(mutations);
		enqueues = List.copyOf(enqueues);
	}

	public static AtomicWrite of(List<Mutation> mutations) {
		return new AtomicWrite(List.of(), mutations, List.of());
	}

}
