package dev.denokv.remote;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body that the calling thread waits for with a deadline of its own. The JDK's request
 * timeout stops at the response headers, so {@link java.net.http.HttpClient#send} with a
 * byte-array body could block for as long as a server trickles the body in. This subscriber hands
 * itself to {@code send} as soon as the headers are in (so {@code send} returns within the request
 * timeout), collects the bytes as they arrive, and {@link #await(long)} then waits for the end of
 * the body no later than the deadline; past it, the subscription is cancelled, which makes the
 * client abandon the exchange and close its connection.
 * <p>
 * Waiting on the calling thread, rather than in {@code sendAsync(...).get(timeout)}, saves the
 * hand-off through the common fork-join pool that {@code sendAsync} always adds: about a third of
 * a loopback round trip. Usually the body has already arrived with the headers and {@code await}
 * does not wait at all.
 */
final class DeadlineBody implements HttpResponse.BodySubscriber<DeadlineBody> {

	/** Subscribes to a response body with a new collector, whatever the status. */
	static final HttpResponse.BodyHandler<DeadlineBody> HANDLER = (info) -> new DeadlineBody();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition finished = this.lock.newCondition();

	private final List<ByteBuffer> buffers = new ArrayList<>();

	private Flow.Subscription subscription;

	private int size;

	private boolean done;

	private Throwable error;

	@Override
	public CompletionStage<DeadlineBody> getBody() {
		return CompletableFuture.completedFuture(this);
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		boolean cancelled;
		this.lock.lock();
		try {
			this.subscription = subscription;
			cancelled = this.done;
		}
		finally {
			this.lock.unlock();
		}
		if (cancelled) {
			subscription.cancel();
		}
		else {
			subscription.request(Long.MAX_VALUE);
		}
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		this.lock.lock();
		try {
			if (!this.done) {
				for (ByteBuffer item : items) {
					this.size = Math.addExact(this.size, item.remaining());
					this.buffers.add(item);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void onError(Throwable throwable) {
		finish(throwable);
	}

	@Override
	public void onComplete() {
		finish(null);
	}

	/**
	 * Waits until the whole body has arrived, at the latest until {@code deadlineNanos} (a
	 * {@link System#nanoTime()} value).
	 * @return the complete body
	 * @throws TimeoutException when the deadline passed first; the exchange is then cancelled
	 * @throws IOException when receiving the body failed
	 * @throws InterruptedException when the thread was interrupted; the exchange is then cancelled
	 */
	byte[] await(long deadlineNanos) throws TimeoutException, IOException, InterruptedException {
		this.lock.lock();
		try {
			while (!this.done) {
				long left = deadlineNanos - System.nanoTime();
				if (left <= 0) {
					throw new TimeoutException();
				}
				this.finished.awaitNanos(left);
			}
			if (this.error != null) {
				throw (this.error instanceof IOException io) ? io : new IOException(this.error.getMessage(), this.error);
			}
			return concatenate();
		}
		catch (TimeoutException | InterruptedException ex) {
			cancelWhileLocked();
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void finish(Throwable throwable) {
		this.lock.lock();
		try {
			if (!this.done) {
				this.done = true;
				this.error = throwable;
				this.finished.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Stops receiving: the client cancels the exchange (and closes an HTTP/1.1 connection). */
	private void cancelWhileLocked() {
		this.done = true;
		this.buffers.clear();
		if (this.subscription != null) {
			this.subscription.cancel();
		}
	}

	private byte[] concatenate() {
		byte[] body = new byte[this.size];
		int position = 0;
		for (ByteBuffer buffer : this.buffers) {
			int length = buffer.remaining();
			buffer.get(body, position, length);
			position += length;
		}
		return body;
	}

}
