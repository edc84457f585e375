package dev.denokv.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DenoKvUrlTests {

	@Test
	void blankMeansTheDefaultFile() {
		assertThat(DenoKvUrl.parse(null)).isEqualTo(new DenoKvUrl("kv.sqlite3", DenoKvUrl.Backend.SQLITE_FILE));
		assertThat(DenoKvUrl.parse("  ").backend()).isEqualTo(DenoKvUrl.Backend.SQLITE_FILE);
	}

	@Test
	void memoryAndFilesAndUrlsSelectTheirBackend() {
		assertThat(DenoKvUrl.parse(":memory:").backend()).isEqualTo(DenoKvUrl.Backend.SQLITE_MEMORY);
		assertThat(DenoKvUrl.parse("/var/data/kv.db").backend()).isEqualTo(DenoKvUrl.Backend.SQLITE_FILE);
		assertThat(DenoKvUrl.parse("data/http.db").backend()).isEqualTo(DenoKvUrl.Backend.SQLITE_FILE);
		assertThat(DenoKvUrl.parse("http://127.0.0.1:4512").isRemote()).isTrue();
		assertThat(DenoKvUrl.parse("HTTPS://api.deno.com/databases/x/connect").isRemote()).isTrue();
	}

	@Test
	void redactionRemovesUserInfoQueryAndFragment() {
		assertThat(DenoKvUrl.parse("https://user:secret@kv.example.com:8443/db/connect?token=abc#frag").redacted())
			.isEqualTo("https://kv.example.com:8443/db/connect");
		assertThat(DenoKvUrl.parse("http://host/a@b?x").redacted()).isEqualTo("http://host/a@b");
		assertThat(DenoKvUrl.parse("http://tok@host").toString()).isEqualTo("http://host");
		assertThat(DenoKvUrl.parse("kv.sqlite3").redacted()).isEqualTo("kv.sqlite3");
	}

	@Test
	void malformedUrlsAreRejectedWithoutLeakingSecrets() {
		assertThatIllegalArgumentException().isThrownBy(() -> DenoKvUrl.parse("http://user:secret@/path?token=x"))
			.withMessageNotContaining("secret")
			.withMessageNotContaining("token=x");
		assertThatIllegalArgumentException().isThrownBy(() -> DenoKvUrl.parse("http://bad host/"))
			.withMessageContaining("deno.kv.url");
	}

}
