package dev.denokv.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.value.KvValueCodec;

/**
 * The behaviour of {@link KvTemplate} on a real backend: every operation and option, every error
 * with Deno's message, queues, watches, concurrency and observations. The tests live in the
 * {@code Kv*Contract} interfaces; a backend runs all of them by extending this class and opening a
 * fresh database in {@link #createHandler(Path)}. A backend that delivers queue messages also
 * implements {@link KvQueueContract} (KV Connect has no queue delivery, so the remote suite does not).
 * It ships in kv-sqlite's test-jar so that other
 * backends (the KV Connect client) run the same suite.
 */
public abstract class KvTemplateContractTests implements KvReadWriteContract, KvAtomicContract, KvListContract,
		KvWatchContract, KvConcurrencyContract, KvObservationContract, KvAsyncWriteContract, KvGenericTypesContract {

	@TempDir
	protected Path tempDir;

	private CountingDatabaseHandler counting;

	private KvTemplate kv;

	private final List<KvTemplate> others = new ArrayList<>();

	/** Opens a fresh, empty database; {@code dir} is a new temporary directory. */
	protected abstract DatabaseHandler createHandler(Path dir);

	/** The value codec for every template of the suite; the standard V8 codec by default. */
	protected KvValueCodec createValueCodec() {
		return KvValueCodec.standard();
	}

	/** Adjusts every template the suite builds, for example its limits. */
	protected void configure(KvTemplateBuilder builder) {
	}

	@BeforeEach
	void openTemplate() {
		this.counting = new CountingDatabaseHandler(createHandler(this.tempDir));
		this.kv = newBuilder(this.counting).build();
	}

	@AfterEach
	void closeTemplates() {
		this.others.forEach(KvTemplate::close);
		if (this.kv != null) {
			this.kv.close();
		}
	}

	@Override
	public KvTemplate kv() {
		return this.kv;
	}

	@Override
	public CountingDatabaseHandler counting() {
		return this.counting;
	}

	@Override
	public KvTemplate kv(KvTemplateBuilderCustomizer customizer) {
		KvTemplateBuilder builder = newBuilder(this.counting).closeHandlerOnClose(false);
		customizer.customize(builder);
		KvTemplate other = builder.build();
		this.others.add(other);
		return other;
	}

	private KvTemplateBuilder newBuilder(DatabaseHandler handler) {
		KvTemplateBuilder builder = KvTemplate.builder(handler).valueCodec(createValueCodec());
		configure(builder);
		return builder;
	}

}
