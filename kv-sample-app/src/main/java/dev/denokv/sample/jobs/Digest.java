package dev.denokv.sample.jobs;

/**
 * A summary of the board, stored under {@code ["digest", "latest"]}.
 *
 * @param open todos not done
 * @param done todos done but not archived
 * @param oldestOpen title of the oldest open todo, or {@code null}
 * @param requestedAt when the digest was asked for (ms since the epoch)
 * @param computedAt when it was computed (ms since the epoch)
 */
public record Digest(long open, long done, String oldestOpen, long requestedAt, long computedAt) {

}
