package dev.denokv.sqlite;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.denokv.error.KvBackendException;

/**
 * Reads the JSON text columns of Deno's {@code queue} and {@code queue_running} tables (kv-format.md
 * §6.1): {@code backoff_schedule} is an array of delays in ms ({@code [100,1000]}) and
 * {@code keys_if_undelivered} an array of byte arrays ({@code [[2,97,0]]}). Rows written by Deno
 * or by us; {@link QueueRows} writes them.
 */
final class QueueJson {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private QueueJson() {
	}

	static List<Integer> parseSchedule(String json) {
		try {
			List<Integer> schedule = new ArrayList<>();
			for (long delay : MAPPER.readValue(json, long[].class)) {
				// Deno stores u32 delays of at most 1 h; clamp anything odd instead of failing forever.
				schedule.add((int) Math.max(0, Math.min(delay, Integer.MAX_VALUE)));
			}
			return schedule;
		}
		catch (JacksonException ex) {
			throw new KvBackendException("Invalid backoff_schedule in the queue table: " + json, ex);
		}
	}

	static List<byte[]> parseKeys(String json) {
		try {
			List<byte[]> keys = new ArrayList<>();
			for (int[] unsigned : MAPPER.readValue(json, int[][].class)) {
				byte[] key = new byte[unsigned.length];
				for (int i = 0; i < unsigned.length; i++) {
					key[i] = (byte) unsigned[i];
				}
				keys.add(key);
			}
			return keys;
		}
		catch (JacksonException ex) {
			throw new KvBackendException("Invalid keys_if_undelivered in the queue table: " + json, ex);
		}
	}

}
