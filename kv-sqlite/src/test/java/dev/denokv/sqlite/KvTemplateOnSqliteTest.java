package dev.denokv.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.core.KvAtomicOperation;
import dev.denokv.core.KvEnqueueOptions;
import dev.denokv.core.KvLimits;
import dev.denokv.core.KvTemplate;
import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A template on the SQLite handler where the handler's side matters: what it stores, whose limits
 * hold, whose clock judges deadlines.
 */
class KvTemplateOnSqliteTest {

	@TempDir
	Path dir;

	private SqliteDatabaseHandler handler;

	private KvTemplate kv;

	@BeforeEach
	void open() {
		this.handler = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
		this.kv = new KvTemplate(this.handler);
	}

	@AfterEach
	void close() {
		this.kv.close();
	}

	@Test
	void fractionalBackoffIntervalsAreStoredTruncatedAsDenoStoresThem() {
		// Deno 2.9.5: kv.enqueue(1, { backoffSchedule: [1.5, 2.9] }) -> backoff_schedule "[1,2]".
		this.kv.enqueue(1, KvEnqueueOptions.defaults()
			.backoffSchedule(Duration.ofNanos(1_500_000), Duration.ofNanos(2_900_000))
			.delay(Duration.ofHours(1)));
		String stored = this.handler.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select backoff_schedule from queue")) {
				return rs.next() ? rs.getString(1) : null;
			}
		});
		assertThat(stored).isEqualTo("[1,2]");
	}

	@Test
	void raisedLimitsHoldEndToEndWhenTemplateAndHandlerBothHaveThem() {
		KvLimits raised = KvLimits.deno().withMaxMutations(2000).withMaxValueSize(100_000).withMaxReadKeySize(4000);
		try (SqliteDatabaseHandler wide = SqliteDatabaseHandler
			.open(SqliteOptions.file(this.dir.resolve("wide.sqlite3")).withLimits(raised));
				KvTemplate kv = KvTemplate.builder(wide).limits(raised).build()) {
			KvAtomicOperation many = kv.atomic();
			for (int i = 0; i < 1500; i++) {
				many.delete(KvKey.of("m", i));
			}
			assertThat(many.commit().ok()).isTrue();
			kv.set(KvKey.of("big"), new byte[70_000]);
			assertThat(kv.get(KvKey.of("big"), byte[].class).value()).hasSize(70_000);
			// A list bound over Deno's 2049 bytes, within the raised 4000.
			KvKey longStart = KvKey.of("l", "x".repeat(3000));
			kv.set(KvKey.of("l", "y"), "in range");
			assertThat(kv.list(KvListSelector.range(longStart, KvKey.of("l", "z")), String.class).toList())
				.extracting((e) -> e.value()).containsExactly("in range");
		}
	}

	@Test
	void aTemplatesLimitsAboveTheHandlersAreStillBoundedByTheHandlers() {
		try (KvTemplate wide = KvTemplate.builder(this.handler).limits(KvLimits.deno().withMaxMutations(2000))
			.closeHandlerOnClose(false).build()) {
			KvAtomicOperation many = wide.atomic();
			for (int i = 0; i < 1500; i++) {
				many.delete(KvKey.of("m", i));
			}
			assertThatThrownBy(many::commit).isInstanceOf(KvInvalidArgumentException.class)
				.hasMessage("Too many mutations (max 1000)");
		}
	}

	@Test
	void listBoundsAreCheckedAgainstTheTemplatesReadKeyLimit() {
		try (KvTemplate narrow = KvTemplate.builder(this.handler).limits(KvLimits.deno().withMaxReadKeySize(100))
			.closeHandlerOnClose(false).build()) {
			KvListSelector selector = KvListSelector.prefix(KvKey.of("p", "x".repeat(200)));
			assertThatThrownBy(() -> narrow.list(selector, String.class))
				.isInstanceOf(KvInvalidArgumentException.class).hasMessage("Key too large for read (max 100 bytes)");
		}
	}

	@Test
	void aTemplateClockAheadOfTheHandlersStillEnqueuesWithTheLongestDelay() {
		// The template computes the deadline with its clock; the handler judges it by this machine's,
		// allowing KvLimits.maxClockSkew (a day) for a clock that runs ahead.
		try (KvTemplate ahead = KvTemplate.builder(this.handler)
			.clock(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)))
			.closeHandlerOnClose(false).build()) {
			ahead.enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofDays(30)));
			assertThat(ahead.atomic().enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofDays(30)))
				.commit().ok()).isTrue();
		}
		try (KvTemplate farAhead = KvTemplate.builder(this.handler)
			.clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(2)))
			.closeHandlerOnClose(false).build()) {
			assertThatThrownBy(() -> farAhead.enqueue("later", KvEnqueueOptions.defaults().delay(Duration.ofDays(30))))
				.isInstanceOf(KvInvalidArgumentException.class)
				.hasMessageStartingWith("Delay cannot be greater than 30 days: received ");
		}
	}

}
