package dev.denokv.sqlite;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The write requests queued for the next group, oldest first. Thread-safe: any caller adds, the
 * leader of the moment takes.
 */
final class WriteQueue {

	/** Largest group; bigger bursts simply form several groups. */
	static final int MAX_GROUP = 256;

	private final ConcurrentLinkedDeque<WriteRequest<?>> pending = new ConcurrentLinkedDeque<>();

	/** {@code pending.size()} without the walk: a group being topped up polls it in a spin. */
	private final AtomicInteger size = new AtomicInteger();

	void add(WriteRequest<?> request) {
		this.size.incrementAndGet();
		this.pending.add(request);
	}

	/**
	 * Puts a group that gave way back at the head of the queue, in its order: its requests were
	 * submitted before anything queued meanwhile and must still commit before it (one thread's
	 * asynchronous writes commit in submission order).
	 */
	void putBack(List<WriteRequest<?>> group) {
		for (int i = group.size() - 1; i >= 0; i--) {
			this.size.incrementAndGet();
			this.pending.addFirst(group.get(i));
		}
	}

	/** @return whether {@code request} was still queued (and is no longer) */
	boolean remove(WriteRequest<?> request) {
		if (this.pending.remove(request)) {
			this.size.decrementAndGet();
			return true;
		}
		return false;
	}

	/** The oldest request, or null; it stays queued. */
	WriteRequest<?> peek() {
		return this.pending.peek();
	}

	boolean isEmpty() {
		return this.pending.isEmpty();
	}

	/** Takes the oldest request, or null. */
	WriteRequest<?> poll() {
		WriteRequest<?> request = this.pending.poll();
		if (request != null) {
			this.size.decrementAndGet();
		}
		return request;
	}

	/** Moves queued requests into {@code group} until it holds {@link #MAX_GROUP}; returns how many. */
	int drainInto(List<WriteRequest<?>> group) {
		int before = group.size();
		for (WriteRequest<?> r = (group.size() < MAX_GROUP) ? poll() : null; r != null;
				r = (group.size() < MAX_GROUP) ? poll() : null) {
			group.add(r);
		}
		return group.size() - before;
	}

	/**
	 * Waits (yielding this core to the submitting threads) until more requests are queued, the
	 * group has {@code fillTarget} requests, {@code stop} holds or the deadline (a
	 * {@link System#nanoTime()}) has passed; then takes in what was queued.
	 * @return whether the group grew
	 */
	boolean topUp(List<WriteRequest<?>> group, int fillTarget, long deadline, BooleanSupplier stop) {
		if (group.size() >= Math.min(fillTarget, MAX_GROUP)) {
			return false;
		}
		while (this.size.get() == 0) {
			if (stop.getAsBoolean() || System.nanoTime() >= deadline) {
				return false;
			}
			Thread.yield();
		}
		return drainInto(group) > 0;
	}

}
