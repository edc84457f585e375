package dev.denokv.sqlite;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Check;
import dev.denokv.handler.CommitResult;
import dev.denokv.handler.Enqueue;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.Versionstamp;

import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.set;
import static dev.denokv.sqlite.TestData.u64;
import static dev.denokv.sqlite.TestData.v8String;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Better than Deno: all-or-nothing commits, and every failed check is reported. */
class ChecksAndAtomicityTest {

	@TempDir
	Path dir;

	SqliteDatabaseHandler handler;

	@BeforeEach
	void open() {
		this.handler = SqliteDatabaseHandler.open(this.dir.resolve("kv.sqlite3"));
	}

	@AfterEach
	void close() {
		this.handler.close();
	}

	@Test
	void reportsEveryFailedCheck() {
		Versionstamp a = set(this.handler, key("a"), v8String("1")).versionstamp();
		set(this.handler, key("b"), v8String("2"));
		Versionstamp stale = Versionstamp.ofVersion(a.version() - 1);
		AtomicWrite write = new AtomicWrite(
				List.of(new Check(key("a"), a), new Check(key("b"), null), new Check(key("c"), null),
						new Check(key("a"), stale), new Check(key("c"), a)),
				List.of(Mutation.set(key("z"), v8String("z"))), List.of());
		CommitResult result = this.handler.atomicWrite(write);
		assertThat(result).isEqualTo(new CommitResult.CheckFailed(List.of(1, 3, 4)));
		assertThat(get(this.handler, key("z"))).isNull();
	}

	@Test
	void failingMutationRollsBackEverythingIncludingEnqueues() {
		set(this.handler, key("text"), v8String("not a number"));
		Versionstamp before = set(this.handler, key("keep"), v8String("k")).versionstamp();
		AtomicWrite write = new AtomicWrite(List.of(),
				List.of(Mutation.set(key("new"), v8String("n")), Mutation.delete(key("keep")),
						new Mutation(key("text"), MutationType.SUM, u64(1), 0)),
				List.of(new Enqueue(v8String("m").data(), 0, List.of(), null)));
		assertThatThrownBy(() -> this.handler.atomicWrite(write)).isInstanceOf(KvMutationException.class);
		assertThat(get(this.handler, key("new"))).isNull();
		assertThat(get(this.handler, key("keep")).versionstamp()).isEqualTo(before);
		int queued = this.handler.transactions().read((c) -> {
			try (var rs = c.createStatement().executeQuery("select count(*) from queue")) {
				rs.next();
				return rs.getInt(1);
			}
		});
		assertThat(queued).isZero();
		// The version did not move: the next commit is at most 9 above the last successful one.
		Versionstamp next = set(this.handler, key("after"), v8String("a")).versionstamp();
		assertThat(next.version() - before.version()).isBetween(1L, 9L);
	}

	@Test
	void handlerStillWorksAfterAFailure() {
		set(this.handler, key("text"), v8String("x"));
		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> this.handler
				.atomicWrite(AtomicWrite.of(List.of(new Mutation(key("text"), MutationType.MAX, u64(1), 0)))))
				.hasMessage("Failed to perform 'max' mutation on a non-U64 value in the database");
		}
		assertThat(set(this.handler, key("ok"), v8String("y")).ok()).isTrue();
	}

	@Test
	void enqueueRowsAreWrittenLikeDenos() {
		long deadline = System.currentTimeMillis() + 60_000;
		this.handler.atomicWrite(new AtomicWrite(List.of(), List.of(),
				List.of(new Enqueue(v8String("A").data(), deadline, List.of(key("q", "A"), key("q", "A2")), List.of(1000, 2000)),
						new Enqueue(v8String("B").data(), deadline, List.of(), null))));
		List<String> rows = this.handler.transactions().read((c) -> {
			List<String> out = new java.util.ArrayList<>();
			try (var rs = c.createStatement().executeQuery(
					"select ts, id, typeof(backoff_schedule), backoff_schedule, typeof(keys_if_undelivered), keys_if_undelivered, hex(data) from queue order by rowid")) {
				while (rs.next()) {
					assertThat(rs.getString(2)).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
					out.add(rs.getLong(1) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5) + "|"
							+ rs.getString(6) + "|" + rs.getString(7));
				}
			}
			return out;
		});
		assertThat(rows).containsExactly(
				deadline + "|text|[1000,2000]|text|[[2,113,0,2,65,0],[2,113,0,2,65,50,0]]|FF0F220141",
				deadline + "|text|[100,1000,5000,30000,60000]|text|[]|FF0F220142");
	}

}
