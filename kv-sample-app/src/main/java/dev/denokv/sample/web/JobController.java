package dev.denokv.sample.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.denokv.core.KvOperations;
import dev.denokv.sample.board.BoardKeys;
import dev.denokv.sample.jobs.BoardJobs;
import dev.denokv.sample.jobs.Digest;

/** Starts the background jobs; they run later, from the queue. */
@RestController
@RequestMapping("/api")
public class JobController {

	private final BoardJobs jobs;

	private final KvOperations kv;

	public JobController(BoardJobs jobs, KvOperations kv) {
		this.jobs = jobs;
		this.kv = kv;
	}

	@PostMapping("/jobs/digest")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public void digest() {
		this.jobs.requestDigest();
	}

	@PostMapping("/jobs/archive")
	@ResponseStatus(HttpStatus.ACCEPTED)
	public void archive() {
		this.jobs.requestArchive();
	}

	/** The latest digest, or {@code null} before the first one. */
	@GetMapping("/digest")
	public Digest latestDigest() {
		return this.kv.get(BoardKeys.DIGEST, Digest.class).value();
	}

}
