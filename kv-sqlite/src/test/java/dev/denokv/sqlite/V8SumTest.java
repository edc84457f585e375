package dev.denokv.sqlite;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.Mutation;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.SumBounds;
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

	@Test
	void boundsAreCheckedAsDenokvChecksThem() {
		RawValue two = RawValue.v8(HEX.parseHex("ff0f4904")); // int32 2
		RawValue string = RawValue.v8(HEX.parseHex("ff0f220161"));
		RawValue bigTen = RawValue.v8(HEX.parseHex("ff0f5a100a00000000000000"));
		// An undecodable or non-numeric bound, then a bound of the other type, before the stored value.
		failsWith("x", two, new SumBounds(string, null, false), "Some of the parameters are not valid V8 values");
		failsWith("x", two, new SumBounds(null, RawValue.v8(HEX.parseHex("01")), false),
				"Some of the parameters are not valid V8 values");
		failsWith("x", two, new SumBounds(null, bigTen, false), "Min/max parameters have different types than the operand");
		// Clamp alone (no bound) still turns off the bigint-onto-KvU64 compatibility, as in denokv.
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.set(key("u"), u64(1)))));
		failsWith("u", bigTen, new SumBounds(null, null, true), "Cannot sum KvU64 with BigInt");
		// A KvU64 operand ignores the bounds.
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key("u"), u64(5), new SumBounds(two, two, false)))));
		assertThat(get(this.handler, key("u")).value()).isEqualTo(u64(6));
		// A NaN result is neither below nor above a bound (f64 comparisons).
		sum("nan", "ff0f4e000000000000f87f");
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key("nan"), two, new SumBounds(two, two, false)))));
		assertThat(stored("nan")).isEqualTo("ff0f4e000000000000f87f");
	}

	@Test
	void boundsAreAppliedAfterTheSum() {
		RawValue fortyFour = RawValue.v8(HEX.parseHex("ff0f5a102c00000000000000"));
		sum("b", "ff0f5a102800000000000000"); // 40n
		RawValue three = RawValue.v8(HEX.parseHex("ff0f5a100300000000000000"));
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key("b"), three, new SumBounds(null, fortyFour, false)))));
		assertThat(stored("b")).isEqualTo("ff0f5a102b00000000000000"); // 43n
		failsWith("b", three, new SumBounds(null, fortyFour, false), "The result of a Sum operation would exceed its range limit");
		assertThat(stored("b")).isEqualTo("ff0f5a102b00000000000000");
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key("b"), three, new SumBounds(null, fortyFour, true)))));
		assertThat(stored("b")).isEqualTo("ff0f5a102c00000000000000"); // clamped to 44n
		// Numbers: -10 from 1.5 clamps to the lower bound 0, stored as a double like any sum.
		sum("n", "ff0f4e000000000000f83f");
		this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key("n"), RawValue.v8(HEX.parseHex("ff0f4913")),
				new SumBounds(RawValue.v8(HEX.parseHex("ff0f4900")), null, true)))));
		assertThat(stored("n")).isEqualTo("ff0f4e0000000000000000");
	}

	private void failsWith(String k, RawValue operand, SumBounds bounds, String message) {
		assertThatThrownBy(() -> this.handler.atomicWrite(AtomicWrite.of(List.of(Mutation.sum(key(k), operand, bounds)))))
			.isInstanceOf(KvMutationException.class)
			.hasMessage(message);
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
