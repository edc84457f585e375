package dev.denokv.sample.web;

import dev.denokv.sample.board.BoardStats;

/**
 * What browsers receive on every change: the counters and the latest digest.
 *
 * @param stats the counters
 * @param digest the latest digest as stored (a JS object), or {@code null}
 */
public record BoardUpdate(BoardStats stats, Object digest) {

}
