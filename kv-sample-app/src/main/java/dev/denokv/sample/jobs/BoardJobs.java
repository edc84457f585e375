package dev.denokv.sample.jobs;

import java.time.Clock;
import java.util.Iterator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.denokv.autoconfigure.listener.KvQueueListener;
import dev.denokv.core.KvCommitResult;
import dev.denokv.core.KvEntry;
import dev.denokv.core.KvOperations;
import dev.denokv.key.KvListSelector;
import dev.denokv.sample.board.BoardKeys;
import dev.denokv.sample.board.Todo;

/**
 * Queues background jobs and runs them. Jobs go through Deno KV's queue: they survive restarts,
 * and a job that throws is retried with the queue's backoff.
 */
@Component
public class BoardJobs {

	private static final Logger logger = LoggerFactory.getLogger(BoardJobs.class);

	private final KvOperations kv;

	private final Clock clock = Clock.systemUTC();

	public BoardJobs(KvOperations kv) {
		this.kv = kv;
	}

	/** Queues a digest. */
	public void requestDigest() {
		this.kv.enqueue(new DigestJob(this.clock.millis()));
	}

	/** Queues archiving of the done todos. */
	public void requestArchive() {
		this.kv.enqueue(new ArchiveJob(this.clock.millis()));
	}

	/** The single listener of the database's queue: dispatches on the job's type. */
	@KvQueueListener
	public void run(BoardJob job) {
		if (job instanceof DigestJob digest) {
			digest(digest);
		}
		else if (job instanceof ArchiveJob archive) {
			archive(archive);
		}
	}

	private void digest(DigestJob job) {
		long open = 0;
		long done = 0;
		String oldestOpen = null;
		// Ids grow with creation time, so the first open todo in key order is the oldest one.
		Iterator<KvEntry<Todo>> todos = this.kv.list(KvListSelector.prefix(BoardKeys.TODOS), Todo.class);
		while (todos.hasNext()) {
			Todo todo = todos.next().value();
			if (todo.done()) {
				done++;
			}
			else {
				open++;
				if (oldestOpen == null) {
					oldestOpen = todo.title();
				}
			}
		}
		this.kv.set(BoardKeys.DIGEST, new Digest(open, done, oldestOpen, job.requestedAt(), this.clock.millis()));
		logger.info("Digest: {} open, {} done", open, done);
	}

	private void archive(ArchiveJob job) {
		int archived = 0;
		Iterator<KvEntry<Todo>> todos = this.kv.list(KvListSelector.prefix(BoardKeys.TODOS), Todo.class);
		while (todos.hasNext()) {
			KvEntry<Todo> entry = todos.next();
			if (!entry.value().done()) {
				continue;
			}
			// Moved only if nobody touched it since we read it; a todo reopened meanwhile stays.
			KvCommitResult result = this.kv.atomic()
				.check(entry)
				.delete(entry.key())
				.set(BoardKeys.archived(entry.value().id()), entry.value())
				.sum(BoardKeys.ARCHIVED, 1)
				.sum(BoardKeys.CHANGES, 1)
				.commit();
			if (result.ok()) {
				archived++;
			}
		}
		logger.info("Archived {} done todos (requested at {})", archived, job.requestedAt());
	}

}
