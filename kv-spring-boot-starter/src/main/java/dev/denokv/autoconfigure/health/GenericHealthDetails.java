package dev.denokv.autoconfigure.health;

import java.util.List;
import java.util.Map;

import dev.denokv.handler.Consistency;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.handler.ReadRange;

/** For any backend: nothing beyond the backend name, and one single-key read as the check. */
class GenericHealthDetails implements DenoKvHealthDetails {

	@Override
	public Map<String, Object> describe(DatabaseHandler handler) {
		return Map.of();
	}

	@Override
	public Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) {
		read(handler, probeKey);
		return Map.of();
	}

	static void read(DatabaseHandler handler, byte[] probeKey) {
		handler.snapshotRead(List.of(ReadRange.single(probeKey)), Consistency.STRONG);
	}

}
