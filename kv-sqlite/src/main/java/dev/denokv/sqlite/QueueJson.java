package dev.denokv.sqlite;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON text columns of Deno's {@code queue} and {@code queue_running} tables (kv-format.md
 * §6.1): {@code backoff_schedule} is an array of delays in ms ({@code [100,1000]}) and
 * {@code keys_if_undelivered} an array of byte arrays ({@code [[2,97,0]]}). Rows written by Deno
 * or by us; {@link QueueRows} writes them.
 * <p>
 * Never fails: a row from a foreign tool or a damaged file must not stop the rows around it (Deno
 * would fail the whole transaction, again at every pass). Entries of the wrong shape are skipped
 * and the column is logged at WARN; what is left is used as Deno uses it, so a message without a
 * readable schedule has no retry left and goes to its readable keys, if any.
 */
final class QueueJson {

	private static final Logger logger = LoggerFactory.getLogger(QueueJson.class);

	private static final JsonMapper MAPPER = JsonMapper.shared();

	private static final BigInteger MAX_DELAY = BigInteger.valueOf(Integer.MAX_VALUE);

	/** Longer column texts are cut in log messages. */
	private static final int MAX_LOGGED_CHARS = 200;

	private QueueJson() {
	}

	/**
	 * The remaining delays. JSON {@code null} is an empty schedule without a warning: Deno reads
	 * the column as {@code Option<Vec<u64>>}.
	 * @param id the message id, for the log
	 */
	static List<Integer> parseSchedule(String id, String json) {
		JsonNode array = readArray(id, "backoff_schedule", json, true);
		List<Integer> schedule = new ArrayList<>();
		boolean skipped = false;
		for (JsonNode delay : array) {
			if (delay.isIntegralNumber()) {
				// Deno stores u32 delays of at most 1 h; clamp anything odd instead of failing forever.
				BigInteger ms = delay.bigIntegerValue().max(BigInteger.ZERO).min(MAX_DELAY);
				schedule.add(ms.intValue());
			}
			else {
				skipped = true;
			}
		}
		if (skipped) {
			warn(id, "backoff_schedule", json, "delays that are not integers were skipped");
		}
		return schedule;
	}

	/**
	 * The keys the payload goes to after the last retry. An entry that is not an array of byte
	 * values 0..255 is skipped rather than truncated: writing the payload to some other key than
	 * the one meant would be worse than not writing it.
	 * @param id the message id, for the log
	 */
	static List<byte[]> parseKeys(String id, String json) {
		JsonNode array = readArray(id, "keys_if_undelivered", json, false);
		List<byte[]> keys = new ArrayList<>();
		boolean skipped = false;
		for (JsonNode entry : array) {
			byte[] key = keyBytes(entry);
			if (key != null) {
				keys.add(key);
			}
			else {
				skipped = true;
			}
		}
		if (skipped) {
			warn(id, "keys_if_undelivered", json, "entries that are not byte arrays were skipped");
		}
		return keys;
	}

	/** @return the bytes, or {@code null} when the entry is not an array of values 0..255 */
	private static byte[] keyBytes(JsonNode entry) {
		if (!entry.isArray()) {
			return null;
		}
		byte[] key = new byte[entry.size()];
		for (int i = 0; i < key.length; i++) {
			JsonNode b = entry.get(i);
			if (!b.isIntegralNumber() || !b.canConvertToInt() || b.intValue() < 0 || b.intValue() > 255) {
				return null;
			}
			key[i] = (byte) b.intValue();
		}
		return key;
	}

	/** The column as a JSON array; an empty one (logged, unless a JSON null is fine) otherwise. */
	private static JsonNode readArray(String id, String column, String json, boolean nullIsEmpty) {
		JsonNode node = null;
		if (json != null) {
			try {
				node = MAPPER.readTree(json);
			}
			catch (JacksonException ex) {
				// node stays null: logged below as "not a JSON array"
			}
		}
		if (node != null && node.isArray()) {
			return node;
		}
		if (!(nullIsEmpty && node != null && node.isNull())) {
			warn(id, column, json, "it is not a JSON array, so it counts as empty");
		}
		return MAPPER.createArrayNode();
	}

	private static void warn(String id, String column, String json, String what) {
		String shown = (json != null && json.length() > MAX_LOGGED_CHARS)
				? json.substring(0, MAX_LOGGED_CHARS) + "..." : json;
		logger.warn("Deno KV queue message {} has a malformed {} ({}): {}", id, column, shown, what);
	}

}
