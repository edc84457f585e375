package dev.denokv.autoconfigure.health;

import org.springframework.util.ClassUtils;

import dev.denokv.handler.DatabaseHandler;
import dev.denokv.sqlite.SqliteDatabaseHandler;

/** Picks the {@link DenoKvHealthDetails} for a backend: SQLite, KV Connect, or a generic read check. */
final class HealthDetailsSelector {

	/** The KV Connect client is optional: its classes are only touched when it is present. */
	private static final boolean REMOTE_PRESENT = ClassUtils.isPresent("dev.denokv.remote.RemoteDatabaseHandler",
			HealthDetailsSelector.class.getClassLoader());

	private HealthDetailsSelector() {
	}

	static DenoKvHealthDetails forHandler(DatabaseHandler handler) {
		if (handler instanceof SqliteDatabaseHandler) {
			return new SqliteHealthDetails();
		}
		if (REMOTE_PRESENT && RemoteHealthDetails.isRemote(handler)) {
			return new RemoteHealthDetails();
		}
		return new GenericHealthDetails();
	}

}
