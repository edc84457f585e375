package dev.denokv.autoconfigure.health;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.denokv.handler.DatabaseHandler;

/**
 * Reports whether the Deno KV database answers: UP or DOWN, with the backend ({@code sqlite} or
 * {@code remote}) and where the database is (file path, or KV Connect URL without user info or
 * query), plus what the backend knows about itself (for KV Connect: protocol version, database id,
 * endpoints and token expiry). Never the access token.
 * <p>
 * The check reads one key, is never retried, and is bounded by a timeout: it runs on the
 * indicator's own small pool, and a database that does not answer in time is reported DOWN while
 * the read is abandoned, not interrupted: it ends by itself (on KV Connect at the latest at the
 * retry deadline). At most two checks run at once; further ones report DOWN at once instead of
 * piling up threads behind a hung database.
 */
public class DenoKvHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	/** An encoded key ({@code ["__denokv_health"]}) that is read to see whether the database answers. */
	private static final byte[] PROBE_KEY = probeKey();

	private final DatabaseHandler handler;

	private final DenoKvHealthDetails details;

	private final Duration timeout;

	private final ThreadPoolExecutor executor;

	/**
	 * @param handler the database to check
	 * @param details what to report about it, and how to check it cheaply
	 * @param timeout how long to wait for the database
	 */
	public DenoKvHealthIndicator(DatabaseHandler handler, DenoKvHealthDetails details, Duration timeout) {
		super("Deno KV health check failed");
		this.handler = handler;
		this.details = details;
		this.timeout = timeout;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("denokv-health-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		builder.withDetail("backend", this.handler.backendName());
		builder.withDetails(this.details.describe(this.handler));
		Future<Map<String, Object>> check;
		try {
			check = this.executor.submit(() -> this.details.check(this.handler, PROBE_KEY));
		}
		catch (RejectedExecutionException ex) {
			builder.down().withDetail("error", "Earlier health checks are still waiting for the database");
			return;
		}
		try {
			builder.withDetails(check.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)).up();
		}
		catch (TimeoutException ex) {
			// Stop waiting, but do not interrupt: the probe may be running the metadata exchange that
			// other callers wait on, and an interrupt would abort it for all of them (and record the
			// interruption as the database's last error). The pool's bound keeps abandoned probes few.
			check.cancel(false);
			builder.down().withDetail("error", "No answer within " + this.timeout);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static byte[] probeKey() {
		byte[] name = "__denokv_health".getBytes(StandardCharsets.UTF_8);
		byte[] key = new byte[name.length + 2];
		key[0] = 0x02; // string part
		System.arraycopy(name, 0, key, 1, name.length);
		key[key.length - 1] = 0x00; // end of the string
		return key;
	}

}
