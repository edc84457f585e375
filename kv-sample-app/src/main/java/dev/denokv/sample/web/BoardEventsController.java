package dev.denokv.sample.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live updates of the board as server-sent events (event name {@code board}, JSON {@link BoardUpdate}). */
@RestController
public class BoardEventsController {

	private final BoardEventStreams streams;

	public BoardEventsController(BoardEventStreams streams) {
		this.streams = streams;
	}

	@GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public SseEmitter events() {
		return this.streams.open();
	}

}
