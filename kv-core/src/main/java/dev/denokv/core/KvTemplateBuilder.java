package dev.denokv.core;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.observation.KvObservationConvention;
import dev.denokv.value.KvValueCodec;

/**
 * Configures a {@link KvTemplate}; obtain one with {@link KvTemplate#builder(DatabaseHandler)}.
 * Not thread-safe; the template it builds is.
 */
public final class KvTemplateBuilder {

	final DatabaseHandler handler;

	private final Function<KvTemplateBuilder, KvTemplate> factory;

	KvValueCodec valueCodec = KvValueCodec.standard();

	KvLimits limits = KvLimits.deno();

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	KvObservationConvention observationConvention;

	Clock clock = Clock.systemUTC();

	boolean closeHandler = true;

	KvTemplateBuilder(DatabaseHandler handler, Function<KvTemplateBuilder, KvTemplate> factory) {
		this.handler = Objects.requireNonNull(handler, "handler");
		this.factory = factory;
	}

	/**
	 * How values are mapped; {@link KvValueCodec#standard()} by default (records and natural Java
	 * types, no Jackson). Spring Boot passes a {@code JacksonKvValueCodec} on the application's mapper.
	 */
	public KvTemplateBuilder valueCodec(KvValueCodec valueCodec) {
		this.valueCodec = Objects.requireNonNull(valueCodec, "valueCodec");
		return this;
	}

	/**
	 * The limits the template checks every request against before any I/O;
	 * {@link KvLimits#deno()} by default. The backend checks its own limits too (the SQLite
	 * handler: {@code SqliteOptions.withLimits}, Deno's by default), so a limit raised here above
	 * the backend's is still bounded by the backend's: raise both.
	 */
	public KvTemplateBuilder limits(KvLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
		return this;
	}

	/** Where observations go; {@link ObservationRegistry#NOOP} by default. */
	public KvTemplateBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
		return this;
	}

	/** A convention that replaces the default naming and tags; {@code null} for the default. */
	public KvTemplateBuilder observationConvention(KvObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * The clock that turns {@code expireIn} and enqueue delays into the absolute expiry and
	 * delivery times sent to the backend (tests may fix it); the system clock by default. The
	 * backend judges those times by its own clock (the SQLite handler by this machine's, a KV
	 * Connect server by the server's), as it does for a Deno client: with a clock an hour ahead,
	 * entries expire and messages are delivered an hour late. A backend accepts an enqueue
	 * deadline up to the longest delay plus {@link KvLimits#maxClockSkew()} (a day) after its own
	 * now, so a clock further ahead makes long delays fail there.
	 */
	public KvTemplateBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * Whether {@link KvTemplate#close()} also closes the handler; {@code true} by default. Turn it
	 * off when the handler is shared or its lifecycle is managed elsewhere.
	 */
	public KvTemplateBuilder closeHandlerOnClose(boolean closeHandler) {
		this.closeHandler = closeHandler;
		return this;
	}

	public KvTemplate build() {
		return this.factory.apply(this);
	}

}
