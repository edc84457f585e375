package dev.denokv.sqlite;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.model.RawValue;

import static dev.denokv.sqlite.TestData.HEX;
import static dev.denokv.sqlite.TestData.get;
import static dev.denokv.sqlite.TestData.key;
import static dev.denokv.sqlite.TestData.u64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deno's {@code sum} with V8 operands (a bigint or number passed through {@code mutate}), kv-format.md §4.3. */
class V8SumTest {

	private final SqliteDatabaseHandler handler = SqliteDatabaseHandler.openInMemory();

	@AfterEach
	void close() {
		this.handler.close();
	}

	@Test
	void bigintSums() {
		sum("b", "ff0f5a100500000000000000"); // stored as is when absent
		sum("b", "ff0f5a100700000000000000");
		assertThat(stored("b")).isEqualTo("ff0f5a100c00000000000000"); // 5n + 7n = 12n
		sum("b", "ff0f5a111400000000000000"); // -20n
		assertThat(stored("b")).isEqualTo("ff0f5a110800000000000000"); // -8n
	}

	@Test
	void numberSums() {
		sum("n", "ff0f4e000000000000f83f"); // 1.5
		sum("n", "ff0f4904"); // int32 2
		assertThat(stored("n")).isEqualTo("ff0f4e0000000000000c40"); // 3.5
	}

	@Test
	void bigintOntoKvU64WrapsLikeAKvU64() {
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("u"), u64(-1L)))));
		sum("u", "ff0f5a100200000000000000");
		assertThat(get(this.handler, key("u")).value()).isEqualTo(u64(1));
	}

	@Test
	void mismatchesFailWithDenosMessages() {
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("u"), u64(1)),
				Mutation.set(key("b"), RawValue.v8(HEX.parseHex("ff0f5a100100000000000000"))),
				Mutation.set(key("s"), RawValue.v8(HEX.parseHex("ff0f220161"))),
				// Stored as V8 but not V8 at all (no header), and a number cut short.
				Mutation.set(key("junk"), RawValue.v8(HEX.parseHex("0102"))),
				Mutation.set(key("cut"), RawValue.v8(HEX.parseHex("ff0f4e0000"))))));
		failsWith("u", "ff0f4904", "Cannot sum KvU64 with Number");
		failsWith("u", "ff0f5a110100000000000000", "Cannot sum KvU64 with BigInt");
		failsWith("b", "ff0f4904", "Cannot sum BigInt with Number");
		failsWith("s", "ff0f4904", "unsupported value type");
		failsWith("junk", "ff0f4904", "invalid v8 value");
		failsWith("cut", "ff0f4904", "invalid v8 value");
		failsWith("x", "ff0f220161", "Some of the parameters are not valid V8 values");
		assertThatThrownBy(() -> this.handler.atomicWrite(AtomicWrite.of(List.of(
				new Mutation(key("x"), MutationType.SUM, RawValue.bytes(new byte[] { 1 }), 0)))))
			.isInstanceOf(KvMutationException.class)
			.hasMessage("Some of the parameters are not valid V8 values");
	}

	private void sum(String k, String operandHex) {
		this.handler.atomicWrite(AtomicWrite.of(List.of(
				new Mutation(key(k), MutationType.SUM, RawValue.v8(HEX.parseHex(operandHex)), 0))));
	}

	private void failsWith(String k, String operandHex, String message) {
		assertThatThrownBy(() -> sum(k, operandHex)).isInstanceOf(KvMutationException.class).hasMessage(message);
	}

	private String stored(String k) {
		return HEX.formatHex(get(this.handler, key(k)).value().data());
	}

}
