package dev.denokv.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.springframework.util.StringUtils;

/**
 * The parsed {@code deno.kv.url}: which backend it selects, as {@code Deno.openKv(url)} decides it.
 * A URL starting with {@code http://} or {@code https://} is a KV Connect server, {@code :memory:} is
 * a private in-memory SQLite database, and anything else is a SQLite file path.
 *
 * @param value the URL as configured
 * @param backend the backend it selects
 */
public record DenoKvUrl(String value, Backend backend) {

	/** The in-memory database, as Deno spells it. */
	public static final String MEMORY = ":memory:";

	/** The kinds of database a URL can point at. */
	public enum Backend {

		/** A SQLite file. */
		SQLITE_FILE,

		/** A private in-memory SQLite database. */
		SQLITE_MEMORY,

		/** A KV Connect server. */
		REMOTE

	}

	/**
	 * Parses a configured URL; blank means the default file.
	 * @throws IllegalArgumentException if an http(s) URL is malformed
	 */
	public static DenoKvUrl parse(String url) {
		String value = StringUtils.hasText(url) ? url.trim() : DenoKvProperties.DEFAULT_URL;
		if (value.equals(MEMORY)) {
			return new DenoKvUrl(value, Backend.SQLITE_MEMORY);
		}
		String lower = value.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			try {
				URI uri = new URI(value);
				if (uri.getHost() == null) {
					throw new IllegalArgumentException("deno.kv.url has no host: " + redact(value));
				}
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("deno.kv.url is not a valid URL: " + redact(value), ex);
			}
			return new DenoKvUrl(value, Backend.REMOTE);
		}
		return new DenoKvUrl(value, Backend.SQLITE_FILE);
	}

	/** Whether this is a KV Connect URL. */
	public boolean isRemote() {
		return this.backend == Backend.REMOTE;
	}

	/**
	 * The URL safe to show in logs and health details: user info, query and fragment are removed,
	 * because tokens are sometimes passed there.
	 */
	public String redacted() {
		return redact(this.value);
	}

	/** Removes user info, query and fragment from an http(s) URL; other values are returned as they are. */
	static String redact(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
			return value;
		}
		int schemeEnd = value.indexOf("://") + 3;
		int end = firstIndexOf(value, schemeEnd, '?', '#');
		String rest = value.substring(schemeEnd, end);
		int slash = rest.indexOf('/');
		String authority = (slash >= 0) ? rest.substring(0, slash) : rest;
		String path = (slash >= 0) ? rest.substring(slash) : "";
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			authority = authority.substring(at + 1);
		}
		return value.substring(0, schemeEnd) + authority + path;
	}

	private static int firstIndexOf(String value, int from, char... chars) {
		int end = value.length();
		for (char c : chars) {
			int i = value.indexOf(c, from);
			if (i >= 0 && i < end) {
				end = i;
			}
		}
		return end;
	}

	@Override
	public String toString() {
		return redacted();
	}

}
