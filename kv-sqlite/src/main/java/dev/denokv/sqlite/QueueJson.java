package dev.denokv.sqlite;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.denokv.error.KvBackendException;

/**
 * The JSON text columns of Deno's {@code queue} and {@code queue_running} tables (kv-format.md
 * §6.1): {@code backoff_schedule} is an array of delays in ms ({@code [100,1000]}) and
 * {@code keys_if_undelivered} an array of byte arrays ({@code [[2,97,0]]}). Compact output, as
 * serde_json writes it, so Deno reads our rows and we read Deno's.
 */
final class QueueJson {

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private QueueJson() {
	}

	static List<Long> parseSchedule(String json) {
		try {
			List<Long> schedule = new ArrayList<>();
			for (long delay : MAPPER.readValue(json, long[].class)) {
				schedule.add(delay);
			}
			return schedule;
		}
		catch (JacksonException ex) {
			throw new KvBackendException("Invalid backoff_schedule in the queue table: " + json, ex);
		}
	}

	static String writeSchedule(List<Long> schedule) {
		return MAPPER.writeValueAsString(schedule);
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

	static String writeKeys(List<byte[]> keys) {
		List<int[]> unsigned = new ArrayList<>(keys.size());
		for (byte[] key : keys) {
			int[] u = new int[key.length];
			for (int i = 0; i < key.length; i++) {
				u[i] = key[i] & 0xff;
			}
			unsigned.add(u);
		}
		return MAPPER.writeValueAsString(unsigned);
	}

}
