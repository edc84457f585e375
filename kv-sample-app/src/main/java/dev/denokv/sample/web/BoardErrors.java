package dev.denokv.sample.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.sample.board.TodoConflictException;
import dev.denokv.sample.board.TodoNotFoundException;

/** Maps the board's exceptions to problem details: 409 for conflicts, 404, and 400 for bad input. */
@RestControllerAdvice
public class BoardErrors {

	@ExceptionHandler
	ProblemDetail conflict(TodoConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail notFound(TodoNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	/** Deno KV's own validation, for example a malformed versionstamp or cursor. */
	@ExceptionHandler
	ProblemDetail invalid(KvInvalidArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
