package dev.denokv.sqlite;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import dev.denokv.error.KvBackendException;

/**
 * One task queued for the writer and, once run, its result or failure. A blocking caller waits for
 * it by parking ({@link #waiter}); an asynchronous one gets it through {@link #future}. Written by
 * the thread that holds the writer lock, read by the caller after {@link #done} is set.
 */
final class WriteRequest<T> {

	final WriterTask<T> task;

	/** The blocking caller, or {@code null} for an asynchronous request. */
	final Thread waiter;

	/** The asynchronous caller's future, or {@code null} for a blocking request. */
	final CompletableFuture<T> future;

	private T result;

	private Throwable error;

	volatile boolean done;

	private WriteRequest(WriterTask<T> task, Thread waiter, CompletableFuture<T> future) {
		this.task = task;
		this.waiter = waiter;
		this.future = future;
	}

	static <T> WriteRequest<T> blocking(WriterTask<T> task) {
		return new WriteRequest<>(task, Thread.currentThread(), null);
	}

	static <T> WriteRequest<T> async(WriterTask<T> task) {
		return new WriteRequest<>(task, null, new CompletableFuture<>());
	}

	boolean isAsync() {
		return this.future != null;
	}

	boolean failed() {
		return this.error != null;
	}

	/**
	 * Runs the task, keeping a failure for the caller; rethrows only {@code SQLITE_BUSY}, which
	 * concerns the whole transaction.
	 */
	void run(WriterSession session) throws SQLException {
		this.result = null;
		this.error = null;
		try {
			this.result = this.task.run(session);
		}
		catch (SQLException | RuntimeException ex) {
			if (SqliteErrors.isBusy(ex)) {
				throw ex;
			}
			this.error = ex;
		}
		catch (Error ex) {
			this.error = ex;
		}
	}

	/** Attaches {@code suppressed} to the task's failure; for when it took the whole transaction down. */
	void keepSuppressed(SQLException suppressed) {
		this.error.addSuppressed(suppressed);
	}

	void fail(Throwable failure) {
		this.result = null;
		this.error = failure;
	}

	/**
	 * Marks the request done and wakes a blocking caller. An asynchronous one is completed later by
	 * {@link #completeFuture()}, once the writer lock is released: dependent stages then run
	 * without holding up the next group.
	 */
	void finish() {
		this.done = true;
		if (this.waiter != null) {
			LockSupport.unpark(this.waiter);
		}
	}

	void completeFuture() {
		if (this.error == null) {
			this.future.complete(this.result);
		}
		else {
			this.future.completeExceptionally(failure());
		}
	}

	/** For the blocking caller: the result, or the failure rethrown. */
	T outcome() {
		if (this.error == null) {
			return this.result;
		}
		Throwable e = failure();
		if (e instanceof RuntimeException rt) {
			throw rt;
		}
		throw (Error) e;
	}

	/** The failure as the caller sees it: unchecked, SQL errors mapped to backend errors. */
	private Throwable failure() {
		Throwable e = this.error;
		if (e instanceof RuntimeException || e instanceof Error) {
			return e;
		}
		if (e instanceof SQLException sql) {
			return SqliteErrors.backend("Write failed", sql);
		}
		return new KvBackendException("Write failed", e);
	}

}
