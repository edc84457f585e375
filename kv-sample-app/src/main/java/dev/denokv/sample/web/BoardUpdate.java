package dev.denokv.sample.web;

import dev.denokv.sample.board.BoardStats;
import dev.denokv.sample.jobs.Digest;

/**
 * What browsers receive on every change: the counters and the latest digest.
 *
 * @param stats the counters
 * @param digest the latest digest, or {@code null}
 */
public record BoardUpdate(BoardStats stats, Digest digest) {

}
