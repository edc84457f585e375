package dev.denokv.sqlite;

/**
 * A message that this process moved from {@code queue} to {@code queue_running}. The pair
 * ({@code deadline}, {@code id}) is the running row's primary key, so it names this one delivery:
 * after a lease expiry the same message id may be delivered again with another deadline.
 */
record RunningMessage(String id, long deadline, byte[] payload) {

}
