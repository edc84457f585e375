package dev.denokv.sample.board;

import java.util.List;

import dev.denokv.core.KvEntry;
import dev.denokv.model.KvU64;

/**
 * The board's counters, kept with atomic {@code sum} mutations.
 *
 * @param created todos ever created
 * @param completed times a todo was marked done
 * @param archived todos moved to the archive
 * @param changes changes to the board so far
 */
public record BoardStats(long created, long completed, long archived, long changes) {

	/** Reads the counters from entries of {@link BoardKeys#COUNTERS}, in that order; missing ones are 0. */
	public static BoardStats of(List<? extends KvEntry<?>> counters) {
		return new BoardStats(count(counters.get(0)), count(counters.get(1)), count(counters.get(2)),
				count(counters.get(3)));
	}

	private static long count(KvEntry<?> entry) {
		return (entry.value() instanceof KvU64 n) ? n.bits() : 0;
	}

}
