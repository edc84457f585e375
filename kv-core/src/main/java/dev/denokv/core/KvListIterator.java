package dev.denokv.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.denokv.handler.Consistency;
import dev.denokv.handler.RawEntry;
import dev.denokv.handler.ReadRange;
import dev.denokv.key.KeyRange;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.value.KvType;

/**
 * The entries of a list, Deno's {@code KvListIterator}: lazy, one read of up to the batch size per
 * batch, fetched when the previous batch is used up. Each batch is its own snapshot.
 *
 * <p>{@link #cursor()} gives the position for paging, byte-compatible with Deno's cursors: after
 * an entry was returned, the cursor that resumes after it; once the list is exhausted, {@code ""}.
 * A typical page:
 * <pre>{@code
 * KvListIterator<Todo> it = kv.list(KvListSelector.prefix(KvKey.of("todos")), Todo.class,
 *         KvListOptions.defaults().limit(20).cursor(request.cursor()));
 * List<KvEntry<Todo>> page = it.toList();
 * String next = it.cursor(); // "" when there is nothing more
 * }</pre>
 * An iterator holds no resources, so it needs no closing and may be abandoned at any point. It is
 * meant for one thread.
 *
 * @param <T> the value type
 */
public final class KvListIterator<T> implements Iterator<KvEntry<T>> {

	/** Reads one batch; supplied by the template (with its observation and closed check). */
	@FunctionalInterface
	interface BatchReader {

		List<RawEntry> read(ReadRange range, Consistency consistency);

	}

	private final KvListSelector selector;

	private final KvType<T> type;

	private final KvListOptions options;

	private final int batchSize;

	private final BatchReader reader;

	/** The template's read key limit, which the selector's bounds are checked against. */
	private final int maxReadKeySize;

	private final KvTemplate template;

	private final Deque<RawEntry> buffer = new ArrayDeque<>();

	private byte[] lastKey;

	private boolean lastBatch;

	private boolean done;

	private int count;

	KvListIterator(KvTemplate template, KvListSelector selector, KvType<T> type, KvListOptions options,
			BatchReader reader) {
		this.template = template;
		this.selector = selector;
		this.type = type;
		this.options = options;
		this.batchSize = options.effectiveBatchSize();
		this.reader = reader;
		// Validate everything Deno validates before touching the backend, in Deno's order: the
		// cursor, then the range's key sizes (both in resume), then the batch size.
		this.maxReadKeySize = template.getLimits().maxReadKeySize();
		selector.resume(options.getCursor(), options.isReverse(), this.maxReadKeySize);
		template.validator().checkReadEntries(this.batchSize);
	}

	@Override
	public boolean hasNext() {
		if (this.done || limitReached()) {
			return false;
		}
		if (this.buffer.isEmpty() && !this.lastBatch) {
			fetch();
		}
		if (this.buffer.isEmpty()) {
			this.done = true;
			return false;
		}
		return true;
	}

	@Override
	public KvEntry<T> next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		RawEntry raw = this.buffer.poll();
		this.lastKey = raw.key();
		this.count++;
		// Keys come from the backend, so they are valid; parse them only if the caller uses them.
		return new KvEntry<>(KvKey.decodeLazily(raw.key()), this.template.valueCodec().decode(raw.value(), this.type),
				raw.versionstamp());
	}

	/**
	 * The cursor at the current position: {@code ""} once the list is exhausted, otherwise the
	 * cursor after the last returned entry (or the cursor given in the options, if none was returned
	 * yet). Passing it to {@link KvListOptions#cursor} continues the list there, in Java or in Deno.
	 * @throws IllegalStateException {@code "Cannot get cursor before first iteration"} when nothing
	 * was returned yet and no cursor was given (as Deno)
	 */
	public String cursor() {
		if (this.done) {
			return "";
		}
		if (this.lastKey != null) {
			return this.selector.cursorFor(this.lastKey);
		}
		if (this.options.getCursor() != null) {
			return this.options.getCursor();
		}
		throw new IllegalStateException("Cannot get cursor before first iteration");
	}

	/** The remaining entries as a (sequential) stream; it reads batches as it goes. */
	public Stream<KvEntry<T>> stream() {
		return StreamSupport.stream(
				Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
	}

	/** Reads the remaining entries (up to the limit) into a list. */
	public List<KvEntry<T>> toList() {
		List<KvEntry<T>> list = new ArrayList<>();
		forEachRemaining(list::add);
		return list;
	}

	private boolean limitReached() {
		return this.options.getLimit() != null && this.count >= this.options.getLimit();
	}

	private void fetch() {
		String position = (this.lastKey != null) ? this.selector.cursorFor(this.lastKey) : this.options.getCursor();
		KeyRange range = this.selector.resume(position, this.options.isReverse(), this.maxReadKeySize);
		// Never read more than the limit still allows; Deno reads whole batches and drops the rest.
		int want = this.batchSize;
		if (this.options.getLimit() != null) {
			want = Math.min(want, this.options.getLimit() - this.count);
		}
		List<RawEntry> batch = this.reader.read(range.toReadRange(want, this.options.isReverse()),
				this.options.getConsistency());
		this.lastBatch = batch.size() < want;
		this.buffer.addAll(batch);
	}

}
