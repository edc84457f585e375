package dev.denokv.interop;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the HTTP/2 connections the in-process Tomcat served, from its own debug log (every line
 * of Tomcat's HTTP/2 code names its connection: "Connection [3], Stream [5], ..."). Deno reconnects
 * by itself after a GOAWAY and retries the calls it lost, so a dropped connection shows only here.
 */
final class Http2Connections extends Handler implements AutoCloseable {

	private static final Pattern CONNECTION = Pattern.compile("Connection \\[(\\d+)\\]");

	/** Held strongly: java.util.logging keeps only weak references to loggers. */
	private final Logger logger = Logger.getLogger("org.apache.coyote.http2");

	private final Level previousLevel;

	private final Set<String> ids = ConcurrentHashMap.newKeySet();

	Http2Connections() {
		this.previousLevel = this.logger.getLevel();
		setLevel(Level.FINE);
		this.logger.setLevel(Level.FINE);
		this.logger.addHandler(this);
	}

	/** The connections seen so far. */
	int count() {
		return this.ids.size();
	}

	@Override
	public void publish(LogRecord record) {
		if (record.getMessage() != null) {
			Matcher m = CONNECTION.matcher(record.getMessage());
			if (m.find()) {
				this.ids.add(m.group(1));
			}
		}
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.logger.removeHandler(this);
		this.logger.setLevel(this.previousLevel);
	}

}
