package dev.denokv.sample.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.denokv.sample.board.BoardStats;
import dev.denokv.sample.board.TodoBoard;
import dev.denokv.sample.board.TodoPage;
import dev.denokv.sample.board.VersionedTodo;

/** The board's REST API. Conflicts answer 409, unknown todos 404 ({@link BoardErrors}). */
@RestController
@RequestMapping("/api")
public class TodoController {

	private static final int MAX_TITLE = 200;

	private static final int MAX_PAGE = 100;

	private final TodoBoard board;

	public TodoController(TodoBoard board) {
		this.board = board;
	}

	/**
	 * A new todo.
	 * @param title what needs doing
	 * @param assignee who does it (optional)
	 */
	public record NewTodo(String title, String assignee) {
	}

	/**
	 * An edit of a todo, with the version it was read at.
	 * @param title new title (optional: unchanged when blank)
	 * @param assignee new assignee (blank for none)
	 * @param done whether it is done
	 * @param version the versionstamp the client read; the edit fails with 409 if the todo changed since
	 */
	public record TodoEdit(String title, String assignee, boolean done, String version) {
	}

	@PostMapping("/todos")
	@ResponseStatus(HttpStatus.CREATED)
	public VersionedTodo create(@RequestBody NewTodo request) {
		validate(request);
		return this.board.create(request.title(), request.assignee());
	}

	/** Adds up to {@value #MAX_PAGE} todos in one request; their commits share fsyncs. */
	@PostMapping("/todos/batch")
	@ResponseStatus(HttpStatus.CREATED)
	public List<VersionedTodo> createAll(@RequestBody List<NewTodo> requests) {
		if (requests == null || requests.isEmpty() || requests.size() > MAX_PAGE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "1 to " + MAX_PAGE + " todos are required");
		}
		requests.forEach(TodoController::validate);
		return this.board.createAll(requests.stream()
			.map((request) -> new TodoBoard.NewTodoItem(request.title(), request.assignee()))
			.toList());
	}

	@GetMapping("/todos")
	public TodoPage list(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
		if (limit < 1 || limit > MAX_PAGE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX_PAGE);
		}
		return this.board.page(limit, cursor);
	}

	private static void validate(NewTodo request) {
		if (request == null || request.title() == null || request.title().isBlank()
				|| request.title().length() > MAX_TITLE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A title of 1 to " + MAX_TITLE + " characters is required");
		}
	}

	@GetMapping("/todos/{id}")
	public VersionedTodo get(@PathVariable String id) {
		return this.board.get(id);
	}

	@PutMapping("/todos/{id}")
	public VersionedTodo update(@PathVariable String id, @RequestBody TodoEdit edit) {
		if (edit.version() == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "version is required (the versionstamp you read)");
		}
		if (edit.title() != null && edit.title().length() > MAX_TITLE) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "title is longer than " + MAX_TITLE + " characters");
		}
		return this.board.update(id, edit.title(), edit.assignee(), edit.done(), edit.version());
	}

	@DeleteMapping("/todos/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public void delete(@PathVariable String id, @RequestParam String version) {
		this.board.delete(id, version);
	}

	@GetMapping("/stats")
	public BoardStats stats() {
		return this.board.stats();
	}

}
