package dev.denokv.remote;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.denokv.handler.Consistency;
import dev.denokv.remote.FaultServer.Fault;

import static dev.denokv.remote.RemoteRetryFaultTest.sleep;
import static dev.denokv.remote.RemoteTestSupport.FAST;
import static dev.denokv.remote.RemoteTestSupport.get;
import static dev.denokv.remote.RemoteTestSupport.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Malformed metadata, metadata errors, and expired or rejected data-path tokens. */
class MetadataFaultTest extends FaultServerTestBase {

	private static final String GOOD_ENDPOINTS = "\"endpoints\":[{\"url\":\"/data\",\"consistency\":\"strong\"}]";

	private static final String GOOD_TAIL = "\"token\":\"t\",\"expiresAt\":\"2099-01-01T00:00:00Z\"";

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
		"not json|Failed to parse metadata",
		"[1,2,3]|Failed to parse metadata: not a JSON object",
		"{\"databaseId\":\"00000000-0000-4000-8000-000000000001\"}|Failed to parse metadata: missing field `version`",
		"{\"version\":4,\"databaseId\":\"00000000-0000-4000-8000-000000000001\"," + GOOD_ENDPOINTS + "," + GOOD_TAIL + "}|unsupported metadata version: 4",
		"{\"version\":3," + GOOD_ENDPOINTS + "," + GOOD_TAIL + "}|Failed to parse metadata: missing field `databaseId`",
		"{\"version\":3,\"databaseId\":\"not-a-uuid\"," + GOOD_ENDPOINTS + "," + GOOD_TAIL + "}|Failed to parse metadata: invalid databaseId",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":[]," + GOOD_TAIL + "}|Failed to parse metadata: 'endpoints' must not be empty",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":[{\"url\":\"/data/\",\"consistency\":\"strong\"}]," + GOOD_TAIL + "}|endpoint URL must not end with '/': /data/",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":[{\"url\":\"/data\",\"consistency\":\"weird\"}]," + GOOD_TAIL + "}|unsupported consistency level: weird",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":[{\"url\":\"ftp://x/data\",\"consistency\":\"strong\"}]," + GOOD_TAIL + "}|'endpoints[0].url' must be an http or https URL",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\",\"endpoints\":[{\"url\":\"/data?x=1\",\"consistency\":\"strong\"}]," + GOOD_TAIL + "}|must not have a query or fragment",
		"{\"version\":1,\"databaseId\":\"00000000-0000-4000-8000-000000000001\"," + GOOD_ENDPOINTS + "," + GOOD_TAIL + "}|endpoint URL must be absolute in protocol version 1: /data",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\"," + GOOD_ENDPOINTS + ",\"token\":\"\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}|'token' must not be empty",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\"," + GOOD_ENDPOINTS + ",\"expiresAt\":\"2099-01-01T00:00:00Z\"}|missing field `token`",
		"{\"version\":3,\"databaseId\":\"00000000-0000-4000-8000-000000000001\"," + GOOD_ENDPOINTS + ",\"token\":\"t\",\"expiresAt\":\"tomorrow\"}|Failed to parse metadata: invalid expiresAt",
	})
	void malformedMetadataIsRejectedWithoutRetry(String body, String message) {
		this.server.fault("metadata", Fault.body("application/json", body));
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> get(open(FAST), "a", Consistency.STRONG));
		assertThat(ex).hasMessageContaining(message);
		assertThat(ex.isTransient()).isFalse();
		assertThat(this.server.requests("metadata")).hasSize(1);
		assertThat(this.server.requests("snapshot_read")).isEmpty();
		RemoteMetadataState state = this.handler.metadataState();
		assertThat(state.status()).isEqualTo(RemoteMetadataState.Status.FAILED);
		assertThat(state.lastError()).contains(message);
	}

	@Test
	void metadataThatIsNotJsonIsRejected() {
		this.server.fault("metadata", Fault.body("text/html", "<html>Sign in</html>"));
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class, () -> open(FAST).refreshMetadata());
		assertThat(ex).hasMessage("Failed to parse metadata: expected content-type application/json, got 'text/html'");
	}

	@Test
	void metadataServerErrorsAreRetried() {
		this.server.fault("metadata", Fault.status(503, "busy"), Fault.drop());
		assertThat(open(FAST).refreshMetadata().status()).isEqualTo(RemoteMetadataState.Status.CONNECTED);
		assertThat(this.server.requests("metadata")).hasSize(3);
	}

	@Test
	void aRejectedAccessTokenFailsAtOnceWithTheServersMessage() {
		this.handler = RemoteDatabaseHandler.create(this.server.url(), "wrong-token-123", FAST);
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> this.handler.atomicWrite(set("a", "1")));
		assertThat(ex.status()).isEqualTo(401);
		assertThat(ex).hasMessage("the metadata endpoint at '" + this.server.url()
				+ "' responded with status 401: Invalid access token.");
		assertThat(this.server.requests("metadata")).hasSize(1);
	}

	@Test
	void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
		open(FAST).atomicWrite(set("a", "1"));
		this.server.revokeTokens();
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("1");
		assertThat(this.server.requests("metadata")).hasSize(2);
		List<FaultServer.Recorded> reads = this.server.requests("snapshot_read");
		assertThat(reads).hasSize(2);
		assertThat(reads.get(0).headers().get("authorization")).isEqualTo("Bearer data-token-1");
		assertThat(reads.get(1).headers().get("authorization")).isEqualTo("Bearer data-token-2");
	}

	@Test
	void forbiddenAndDenoDeploysAuthorizationErrorAlsoRefresh() {
		open(FAST).refreshMetadata();
		this.server.fault("snapshot_read", Fault.status(403, "Forbidden"));
		assertThat(get(this.handler, "a", Consistency.STRONG)).isNull();
		this.server.fault("atomic_write",
				Fault.status(400, "{\"code\":\"invalidAuthorizationHeader\",\"message\":\"Invalid authorization header\"}"));
		assertThat(this.handler.atomicWrite(set("a", "1")).ok()).isTrue();
		assertThat(this.server.requests("metadata")).hasSize(3);
	}

	@Test
	void aTokenRejectedAgainAfterTheRefreshFails() {
		open(FAST).refreshMetadata();
		this.server.fault("snapshot_read", Fault.status(401, "Invalid access token."),
				Fault.status(401, "Invalid access token."));
		KvRemoteException ex = catchThrowableOfType(KvRemoteException.class,
				() -> get(this.handler, "a", Consistency.STRONG));
		assertThat(ex.status()).isEqualTo(401);
		assertThat(ex).hasMessageEndingWith("(status=401): Invalid access token.");
		assertThat(this.server.requests("metadata")).hasSize(2);
		assertThat(this.server.requests("snapshot_read")).hasSize(2);
	}

	@Test
	void expiredMetadataIsExchangedBeforeTheCall() {
		this.server.tokenLifetime = Duration.ofMillis(1200);
		open(FAST.withBackgroundRefresh(false)).atomicWrite(set("a", "1"));
		sleep(1300);
		assertThat(this.handler.metadataState().status()).isEqualTo(RemoteMetadataState.Status.EXPIRED);
		assertThat(get(this.handler, "a", Consistency.STRONG)).isEqualTo("1");
		assertThat(this.server.requests("metadata")).hasSize(2);
		assertThat(this.server.requests("snapshot_read")).hasSize(1);
	}

	@Test
	void theBackgroundRefresherRenewsTheTokenBeforeItExpires() {
		this.server.tokenLifetime = Duration.ofMillis(1500);
		open(FAST).refreshMetadata();
		// Half the lifetime (750 ms) is the earliest planned refresh; wait (bounded) for two more.
		long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.server.requests("metadata").size() < 3 && System.nanoTime() < end) {
			sleep(20);
		}
		assertThat(this.server.requests("metadata")).hasSizeGreaterThanOrEqualTo(3);
		assertThat(this.handler.metadataState().status()).isEqualTo(RemoteMetadataState.Status.CONNECTED);
		assertThat(this.handler.atomicWrite(set("a", "1")).ok()).isTrue();
	}

	@Test
	void anExternalSchedulerDrivesTheRefreshWhenTheBackgroundOneIsOff() {
		this.server.tokenLifetime = Duration.ofSeconds(3);
		open(FAST.withBackgroundRefresh(false));
		assertThat(this.handler.refreshIfDue()).isTrue();
		assertThat(this.handler.refreshIfDue()).isFalse();
		RemoteMetadataState state = this.handler.metadataState();
		assertThat(state.nextRefreshAt()).isBetween(state.fetchedAt().plusMillis(1000), state.fetchedAt().plusMillis(1600));
		sleep(Duration.between(java.time.Instant.now(), state.nextRefreshAt()).toMillis() + 50);
		assertThat(this.server.requests("metadata")).hasSize(1);
		assertThat(this.handler.refreshIfDue()).isTrue();
		assertThat(this.server.requests("metadata")).hasSize(2);
	}

	@Test
	void aFailedScheduledRefreshIsRecordedNotThrown() {
		open(FAST.withBackgroundRefresh(false));
		this.server.fault("metadata", Fault.status(401, "Invalid access token."));
		assertThat(this.handler.refreshIfDue()).isFalse();
		assertThat(this.handler.metadataState().lastError()).endsWith("responded with status 401: Invalid access token.");
		assertThat(this.handler.refreshIfDue()).isTrue();
		assertThat(this.handler.metadataState().lastError()).isNull();
	}

}
