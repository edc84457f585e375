package dev.denokv.sample.board;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import dev.denokv.core.KvAtomicOperation;
import dev.denokv.core.KvCommitResult;
import dev.denokv.core.KvEntry;
import dev.denokv.core.KvListOptions;
import dev.denokv.core.KvOperations;
import dev.denokv.core.KvPage;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.Versionstamp;

/**
 * The team board on Deno KV. Every change is one atomic operation that also bumps the counters,
 * so counters and todos never disagree; updates and deletes carry the versionstamp the client read
 * and fail with a conflict when someone else changed the todo in between.
 */
@Service
public class TodoBoard {

	private final KvOperations kv;

	private final Clock clock;

	public TodoBoard(KvOperations kv) {
		this.kv = kv;
		this.clock = Clock.systemUTC();
	}

	/** Adds a todo; the check on the new key makes a (very unlikely) id collision fail instead of overwriting. */
	public VersionedTodo create(String title, String assignee) {
		long now = this.clock.millis();
		Todo todo = new Todo(newId(now), title.strip(), blankToNull(assignee), false, now);
		KvCommitResult result = this.kv.atomic()
			.check(BoardKeys.todo(todo.id()), null)
			.set(BoardKeys.todo(todo.id()), todo)
			.sum(BoardKeys.CREATED, 1)
			.sum(BoardKeys.CHANGES, 1)
			.commit();
		if (!result.ok()) {
			throw new TodoConflictException(todo.id());
		}
		return new VersionedTodo(todo, result.versionstamp().toString());
	}

	/**
	 * Adds many todos at once. Each is its own atomic operation (own versionstamp, own counters), but
	 * they are all sent without waiting for each other, so the SQLite backend commits them together
	 * with one or a few fsyncs instead of one per todo.
	 */
	public List<VersionedTodo> createAll(List<NewTodoItem> items) {
		long now = this.clock.millis();
		List<Todo> todos = items.stream()
			.map((item) -> new Todo(newId(now), item.title().strip(), blankToNull(item.assignee()), false, now))
			.toList();
		List<CompletableFuture<KvCommitResult>> commits = todos.stream()
			.map((todo) -> this.kv.atomic()
				.check(BoardKeys.todo(todo.id()), null)
				.set(BoardKeys.todo(todo.id()), todo)
				.sum(BoardKeys.CREATED, 1)
				.sum(BoardKeys.CHANGES, 1)
				.commitAsync())
			.toList();
		List<VersionedTodo> created = new ArrayList<>(todos.size());
		for (int i = 0; i < todos.size(); i++) {
			KvCommitResult result = commits.get(i).join();
			if (!result.ok()) {
				throw new TodoConflictException(todos.get(i).id());
			}
			created.add(new VersionedTodo(todos.get(i), result.versionstamp().toString()));
		}
		return created;
	}

	/** A todo to add with {@link #createAll}. */
	public record NewTodoItem(String title, String assignee) {
	}

	/** Reads one todo. */
	public VersionedTodo get(String id) {
		KvEntry<Todo> entry = this.kv.get(BoardKeys.todo(id), Todo.class);
		if (!entry.exists()) {
			throw new TodoNotFoundException(id);
		}
		return new VersionedTodo(entry.value(), entry.versionstamp().toString());
	}

	/**
	 * Edits a todo if it is still at {@code expectedVersion}.
	 * @throws TodoConflictException when it changed since (nothing is written)
	 */
	public VersionedTodo update(String id, String title, String assignee, boolean done, String expectedVersion) {
		KvEntry<Todo> current = this.kv.get(BoardKeys.todo(id), Todo.class);
		if (!current.exists()) {
			throw new TodoNotFoundException(id);
		}
		Todo updated = current.value().edit(StringUtils.hasText(title) ? title.strip() : current.value().title(),
				blankToNull(assignee), done);
		KvAtomicOperation atomic = this.kv.atomic()
			.check(BoardKeys.todo(id), Versionstamp.parse(expectedVersion))
			.set(BoardKeys.todo(id), updated)
			.sum(BoardKeys.CHANGES, 1);
		if (done && !current.value().done()) {
			atomic.sum(BoardKeys.COMPLETED, 1);
		}
		KvCommitResult result = atomic.commit();
		if (!result.ok()) {
			throw new TodoConflictException(id);
		}
		return new VersionedTodo(updated, result.versionstamp().toString());
	}

	/**
	 * Deletes a todo if it is still at {@code expectedVersion}.
	 * @throws TodoConflictException when it changed since
	 */
	public void delete(String id, String expectedVersion) {
		KvCommitResult result = this.kv.atomic()
			.check(BoardKeys.todo(id), Versionstamp.parse(expectedVersion))
			.delete(BoardKeys.todo(id))
			.sum(BoardKeys.CHANGES, 1)
			.commit();
		if (!result.ok()) {
			throw new TodoConflictException(id);
		}
	}

	/** One page of todos, newest first; pass the returned cursor to get the next page. */
	public TodoPage page(int limit, String cursor) {
		KvPage<Todo> page = this.kv.listPage(KvListSelector.prefix(BoardKeys.TODOS), Todo.class,
				KvListOptions.defaults().reverse(true).limit(limit).cursor(cursor));
		List<VersionedTodo> items = page.entries()
			.stream()
			.map((entry) -> new VersionedTodo(entry.value(), entry.versionstamp().toString()))
			.toList();
		return new TodoPage(items, page.hasMore() ? page.cursor() : null);
	}

	/** The counters, read from one snapshot. */
	public BoardStats stats() {
		return BoardStats.of(this.kv.getMany(BoardKeys.COUNTERS, Object.class));
	}

	/** Millisecond timestamp plus randomness: ids sort by creation time, as Deno apps often do with ulid(). */
	private static String newId(long now) {
		byte[] random = new byte[5];
		ThreadLocalRandom.current().nextBytes(random);
		return String.format("%013d", now) + HexFormat.of().formatHex(random);
	}

	private static String blankToNull(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

}
