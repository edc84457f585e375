package dev.denokv.core;

/**
 * The subscription of a watch of no keys: it has ended before it began. Deno's
 * {@code kv.watch([])} stream is done at once without emitting anything, so there is nothing to
 * poll and no thread or backend watch to hold.
 */
final class EndedWatchSubscription implements KvSubscription {

	static final EndedWatchSubscription INSTANCE = new EndedWatchSubscription();

	private EndedWatchSubscription() {
	}

	@Override
	public boolean isActive() {
		return false;
	}

	@Override
	public void cancel() {
	}

	@Override
	public String toString() {
		return "KvWatchSubscription[keys=[], active=false]";
	}

}
