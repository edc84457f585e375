package dev.denokv.remote;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.denokv.error.KvBackendException;
import dev.denokv.error.KvException;

/**
 * Runs KV Connect requests under Spring Framework's core retry: randomized exponential backoff
 * between attempts, retrying only transient failures, and an overall deadline that no attempt
 * outlives (each attempt is handed the time that is left, see {@link Deadline#cap}).
 */
final class RemoteRetry {

	private final RemoteOptions.Retry settings;

	private final RetryTemplate anyTransient;

	private final RetryTemplate onlyUnsent;

	/**
	 * @param listener notified of every retry (for metrics and tests); may be {@code null}
	 */
	RemoteRetry(RemoteOptions.Retry settings, RetryListener listener) {
		this.settings = settings;
		this.anyTransient = template(RemoteRetry::isTransient, listener);
		this.onlyUnsent = template((ex) -> isTransient(ex) && HttpTransport.failedBeforeSending(ex), listener);
	}

	private RetryTemplate template(Predicate<Throwable> retryable, RetryListener listener) {
		RetryPolicy policy = RetryPolicy.builder()
			.predicate(retryable)
			.delay(this.settings.initialDelay())
			.multiplier(this.settings.multiplier())
			.maxDelay(this.settings.maxDelay())
			.jitter(this.settings.jitter())
			.maxRetries(Integer.MAX_VALUE)
			.timeout(this.settings.deadline())
			.build();
		RetryTemplate template = new RetryTemplate(policy);
		if (listener != null) {
			template.setRetryListener(listener);
		}
		return template;
	}

	/** Network errors and 5xx responses; never 4xx, malformed answers or local errors. */
	static boolean isTransient(Throwable ex) {
		return ex instanceof KvRemoteException remote && remote.isTransient();
	}

	/**
	 * A backoff with the same shape, without a limit, for loops that never give up (watch
	 * reconnects, the background metadata refresher).
	 */
	BackOff unlimitedBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.initialDelay().toMillis(),
				this.settings.multiplier());
		backOff.setMaxInterval(this.settings.maxDelay().toMillis());
		backOff.setJitter(this.settings.jitter().toMillis());
		return backOff;
	}

	/**
	 * Calls {@code attempt} until it succeeds, fails permanently, or the deadline is reached.
	 * @param name what is being done, for messages ("snapshot_read")
	 * @param retryAmbiguous whether transient failures after the request may have reached the
	 * server are retried too; otherwise only failures to connect are
	 */
	<T> T call(String name, boolean retryAmbiguous, Function<Deadline, T> attempt) {
		Deadline deadline = Deadline.after(this.settings.deadline());
		RetryTemplate template = retryAmbiguous ? this.anyTransient : this.onlyUnsent;
		try {
			return template.execute(new Retryable<T>() {

				@Override
				public T execute() {
					return attempt.apply(deadline);
				}

				@Override
				public String getName() {
					return name;
				}

			});
		}
		catch (RetryException ex) {
			throw giveUp(name, ex);
		}
	}

	private RuntimeException giveUp(String name, RetryException ex) {
		Throwable last = ex.getCause();
		if (!isTransient(last)) {
			// Permanent failures are rethrown as they are: their message is the server's.
			return (last instanceof RuntimeException runtime) ? runtime : new KvBackendException(name + " failed", last);
		}
		// The unsent mark only steers the retry; report the failure itself.
		KvRemoteException remote = UnsentRequestException.unwrap(lastServerAnswer(ex, (KvRemoteException) last));
		int attempts = ex.getRetryCount() + 1;
		String message = "KV Connect " + name + " gave up after " + attempts + ((attempts == 1) ? " attempt" : " attempts")
				+ " (retry deadline " + this.settings.deadline() + "): " + remote.getMessage();
		KvRemoteException failure = new KvRemoteException(message, remote.status(), true, remote);
		if (Thread.currentThread().isInterrupted()) {
			return new KvException("Interrupted while retrying KV Connect " + name, failure);
		}
		return failure;
	}

	/**
	 * The failure to report. When the deadline cut the last attempt short (no status), the server's
	 * most recent answer, if any, says more about why the call failed than the cut-off does.
	 */
	private static KvRemoteException lastServerAnswer(RetryException ex, KvRemoteException last) {
		if (last.status() != KvRemoteException.NO_STATUS) {
			return last;
		}
		Throwable[] earlier = ex.getSuppressed();
		for (int i = earlier.length - 1; i >= 0; i--) {
			if (earlier[i] instanceof KvRemoteException answer && answer.status() != KvRemoteException.NO_STATUS) {
				return answer;
			}
		}
		return last;
	}

	/** The end of one call's retry budget. */
	record Deadline(long endNanos) {

		static Deadline after(Duration budget) {
			return new Deadline(System.nanoTime() + budget.toNanos());
		}

		Duration remaining() {
			return Duration.ofNanos(this.endNanos - System.nanoTime());
		}

		/** {@code timeout}, shortened so that it ends no later than the deadline. */
		Duration cap(Duration timeout) {
			Duration remaining = remaining();
			return (remaining.compareTo(timeout) < 0) ? remaining : timeout;
		}

	}

}
