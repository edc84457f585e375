package dev.denokv.sample.jobs;

/**
 * Compute a summary of the board.
 *
 * @param requestedAt when it was asked for, in milliseconds since the epoch
 */
public record DigestJob(long requestedAt) implements BoardJob {

}
