package dev.denokv.sqlite;

import java.util.Locale;

import dev.denokv.error.KvMutationException;
import dev.denokv.handler.MutationType;
import dev.denokv.handler.SumBounds;
import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;

/**
 * The numeric mutations {@code sum}, {@code min} and {@code max} (kv-format.md §4.3): the value to
 * store, given the operand and the current value ({@code null} when absent), with Deno's messages.
 * A {@code sum} with a V8 operand follows Deno's BigInt/Number rules and its range
 * ({@link V8SumOperand}); a KvU64 operand ignores the range, as in denokv.
 */
final class U64Mutations {

	private U64Mutations() {
	}

	static RawValue apply(MutationType type, RawValue operand, RawValue current, SumBounds bounds) {
		String op = type.name().toLowerCase(Locale.ROOT);
		if (operand.encoding() != ValueEncoding.LE64) {
			if (type == MutationType.SUM) {
				return V8SumOperand.sum(operand, current, bounds);
			}
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 operand");
		}
		if (current == null) {
			return operand;
		}
		if (current.encoding() != ValueEncoding.LE64) {
			throw new KvMutationException("Failed to perform '" + op + "' mutation on a non-U64 value in the database");
		}
		long a = KvU64.fromLittleEndian(current.data()).bits();
		long b = KvU64.fromLittleEndian(operand.data()).bits();
		long result = switch (type) {
			case SUM -> a + b; // wraps modulo 2^64 like Deno's wrapping_add
			case MIN -> (Long.compareUnsigned(a, b) <= 0) ? a : b;
			case MAX -> (Long.compareUnsigned(a, b) >= 0) ? a : b;
			default -> throw new IllegalArgumentException("not a numeric mutation: " + type);
		};
		return RawValue.u64(KvU64.ofBits(result));
	}

}
