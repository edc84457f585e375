package dev.denokv.autoconfigure.health;

import java.util.Map;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.remote.RemoteDatabaseHandler;

/**
 * KV Connect: what the last metadata exchange told (URL without user info or query, status,
 * protocol version, database id, endpoints, token expiry, last error; never a token); the check
 * reads one key. The handler may retry that read on network errors, but the indicator stops
 * waiting after its timeout and reports DOWN.
 */
class RemoteHealthDetails implements DenoKvHealthDetails {

	@Override
	public Map<String, Object> describe(DatabaseHandler handler) {
		return ((RemoteDatabaseHandler) handler).metadataState().toDetails();
	}

	@Override
	public Map<String, Object> check(DatabaseHandler handler, byte[] probeKey) {
		GenericHealthDetails.read(handler, probeKey);
		// Read again after the data-path call, which exchanged the metadata if none was held yet.
		return ((RemoteDatabaseHandler) handler).metadataState().toDetails();
	}

	static boolean isRemote(DatabaseHandler handler) {
		return handler instanceof RemoteDatabaseHandler;
	}

}
