package dev.denokv.handler;

import java.util.List;

/** The entries of one {@link ReadRange}, in the order the range asked for. */
public record ReadRangeOutput(List<RawEntry> entries) {

	public ReadRangeOutput {
		entries = List.copyOf(entries);
	}

}
