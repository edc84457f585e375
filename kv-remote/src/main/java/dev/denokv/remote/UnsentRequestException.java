package dev.denokv.remote;

/**
 * A transient failure that happened before a data-path request was sent: getting the metadata it
 * needs failed (the metadata endpoint answered 5xx, timed out, or another thread's exchange did
 * not finish in time). The request cannot have been applied, so {@link RemoteRetry} tries it
 * again even when ambiguous writes are not retried. Keeps the original's message and status; the
 * original is the cause.
 */
final class UnsentRequestException extends KvRemoteException {

	UnsentRequestException(KvRemoteException cause) {
		super(cause.getMessage(), cause.status(), cause.isTransient(), cause);
	}

	/** The original failure when {@code ex} only marks it as unsent, else {@code ex} itself. */
	static KvRemoteException unwrap(KvRemoteException ex) {
		return (ex instanceof UnsentRequestException && ex.getCause() instanceof KvRemoteException cause) ? cause : ex;
	}

}
