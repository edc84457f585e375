package dev.denokv.sample.jobs;

/**
 * Move every done todo to the archive.
 *
 * @param requestedAt when it was asked for, in milliseconds since the epoch
 */
public record ArchiveJob(long requestedAt) implements BoardJob {

}
