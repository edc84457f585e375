package dev.denokv.value.v8;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.testsupport.SharedVectors;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsSet;
import dev.denokv.value.js.JsUndefined;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the reader random and mutated inputs (seeded, so failures reproduce): every input must
 * yield a value or a {@link V8DecodeException}, never another exception, an OutOfMemoryError or
 * a hang; and every value it yields must write and read back to the same value.
 */
class V8FuzzTest {

	private static final int INPUTS = 120_000;

	private final Random random = new Random(0x5EED_DE70L);

	private final List<String> failures = new ArrayList<>();

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void everyInputYieldsAValueOrTheCodecsException() {
		List<byte[]> corpus = corpus();
		int values = 0;
		int errors = 0;
		for (int i = 0; i < INPUTS && this.failures.size() < 10; i++) {
			byte[] input = switch (i % 4) {
				case 0 -> randomBytes();
				case 1, 2 -> mutate(corpus.get(this.random.nextInt(corpus.size())));
				default -> mutate(V8Writer.write(randomValue(0)));
			};
			if (check(input, (i & 1) == 0 ? V8ReadOptions.LOSSLESS : V8ReadOptions.NATURAL)) {
				values++;
			}
			else {
				errors++;
			}
		}
		assertThat(this.failures).isEmpty();
		assertThat(values + errors).isGreaterThanOrEqualTo(100_000);
		// Both outcomes are exercised, not just one.
		assertThat(values).isGreaterThan(10_000);
		assertThat(errors).isGreaterThan(10_000);
	}

	private boolean check(byte[] input, V8ReadOptions options) {
		Object value;
		try {
			value = V8Reader.read(input, options);
		}
		catch (V8DecodeException expected) {
			return false;
		}
		catch (Throwable ex) {
			this.failures.add(HexFormat.of().formatHex(input) + " -> " + ex);
			return false;
		}
		if (options == V8ReadOptions.LOSSLESS) {
			try {
				JsonNode before = JsDescriptors.of(value);
				JsonNode after = JsDescriptors.of(V8Reader.read(V8Writer.write(value)));
				if (!JsDescriptors.same(before, after)) {
					this.failures.add(HexFormat.of().formatHex(input) + " does not round-trip: " + before + " vs " + after);
				}
			}
			catch (KvInvalidArgumentException ex) {
				// A value the reader accepts but the writer refuses (beyond its limits) is acceptable.
			}
			catch (Throwable ex) {
				this.failures.add(HexFormat.of().formatHex(input) + " re-encoding -> " + ex);
			}
		}
		return true;
	}

	private List<byte[]> corpus() {
		List<byte[]> corpus = new ArrayList<>();
		for (String file : List.of("keys-values.jsonl", "node/keys-values.jsonl")) {
			for (JsonNode line : SharedVectors.jsonLines(file)) {
				if (line.get("value_encoding").asInt() == 1) {
					corpus.add(HexFormat.of().parseHex(line.get("value_hex").asString()));
				}
			}
		}
		for (int i = 0; i < 200; i++) {
			corpus.add(V8Writer.write(randomValue(0)));
		}
		return corpus;
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[2 + this.random.nextInt(40)];
		this.random.nextBytes(bytes);
		bytes[0] = (byte) 0xFF;
		bytes[1] = (byte) (13 + this.random.nextInt(4));
		// Bias towards real tags so that the structure gets deep enough to matter.
		String tags = "_0TFINZS\"c^oaAD{$@;:',BVryxnzsR\\-?~";
		for (int i = 2; i < bytes.length; i++) {
			if (this.random.nextInt(3) == 0) {
				bytes[i] = (byte) tags.charAt(this.random.nextInt(tags.length()));
			}
			else if (this.random.nextInt(3) == 0) {
				bytes[i] = (byte) this.random.nextInt(8);
			}
		}
		return bytes;
	}

	private byte[] mutate(byte[] original) {
		byte[] bytes = original.clone();
		int rounds = 1 + this.random.nextInt(3);
		for (int r = 0; r < rounds && bytes.length > 2; r++) {
			int at = 2 + this.random.nextInt(bytes.length - 2);
			switch (this.random.nextInt(7)) {
				case 0 -> bytes[at] ^= (byte) (1 << this.random.nextInt(8));
				case 1 -> bytes[at] = (byte) this.random.nextInt(256);
				case 2 -> bytes = splice(bytes, at, 1, new byte[0]);
				case 3 -> bytes = splice(bytes, at, 0, new byte[] { (byte) this.random.nextInt(256) });
				case 4 -> bytes = java.util.Arrays.copyOf(bytes, at);
				case 5 -> bytes = splice(bytes, at, 0, new byte[] { (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F });
				default -> {
					int len = Math.min(bytes.length - at, 1 + this.random.nextInt(8));
					bytes = splice(bytes, at, 0, java.util.Arrays.copyOfRange(bytes, at, at + len));
				}
			}
		}
		return bytes;
	}

	private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
		byte[] out = new byte[bytes.length - remove + insert.length];
		System.arraycopy(bytes, 0, out, 0, at);
		System.arraycopy(insert, 0, out, at, insert.length);
		System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
		return out;
	}

	private Object randomValue(int depth) {
		int kind = this.random.nextInt(depth > 3 ? 8 : 16);
		return switch (kind) {
			case 0 -> null;
			case 1 -> JsUndefined.INSTANCE;
			case 2 -> this.random.nextBoolean();
			case 3 -> this.random.nextInt(1000) - 500;
			case 4 -> this.random.nextDouble() * 1e12;
			case 5 -> new BigInteger(1 + this.random.nextInt(130), this.random).negate();
			case 6 -> "s" + "é€😀".substring(0, this.random.nextInt(4));
			case 7 -> Instant.ofEpochMilli(this.random.nextLong() % 8_000_000_000_000_000L);
			case 8 -> {
				Map<String, Object> map = new LinkedHashMap<>();
				for (int i = this.random.nextInt(4); i > 0; i--) {
					map.put(this.random.nextBoolean() ? "k" + i : Integer.toString(i), randomValue(depth + 1));
				}
				yield map;
			}
			case 9 -> {
				List<Object> list = new ArrayList<>();
				for (int i = this.random.nextInt(4); i > 0; i--) {
					list.add(randomValue(depth + 1));
				}
				yield list;
			}
			case 10 -> new JsArray(3 + this.random.nextInt(5)).set(1, randomValue(depth + 1));
			case 11 -> {
				JsMap map = new JsMap();
				map.put(randomValue(depth + 1), randomValue(depth + 1));
				yield map;
			}
			case 12 -> new JsSet(List.of(1, "a"));
			case 13 -> new JsError("RangeError", "m").stack("s").cause(randomValue(depth + 1));
			case 14 -> new JsBoxed("boxed");
			default -> this.random.nextBoolean() ? new JsRegExp("a.b", "gimsuy") : new byte[] { 1, 2, 3 };
		};
	}

}
