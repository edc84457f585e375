package dev.denokv.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.AtomicWrite;
import dev.denokv.handler.CommitResult;
import dev.denokv.key.KvKey;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@link KvTemplate} reports a backend that answers a write without checks with a failed check,
 * which cannot happen with a working backend: Deno's {@code TypeError} texts, the same for the
 * blocking and the async variants.
 */
class KvTemplateBrokenBackendTests {

	private final KvTemplate kv = KvTemplate.builder(new CheckFailingHandler()).build();

	@Test
	void setAndDeleteSayFailedToSetValueAsDenoDoes() {
		KvKey key = KvKey.of("k");
		assertThatThrownBy(() -> this.kv.set(key, 1)).isInstanceOf(KvBackendException.class)
			.hasMessage("Failed to set value");
		assertThatThrownBy(() -> this.kv.delete(key)).isInstanceOf(KvBackendException.class)
			.hasMessage("Failed to set value");
		assertThatThrownBy(() -> this.kv.setAsync(key, 1).join()).cause()
			.isInstanceOf(KvBackendException.class)
			.hasMessage("Failed to set value");
		assertThatThrownBy(() -> this.kv.deleteAsync(key).join()).cause()
			.isInstanceOf(KvBackendException.class)
			.hasMessage("Failed to set value");
	}

	/** Says every write failed a check. */
	private static final class CheckFailingHandler extends UnsupportedDatabaseHandler {

		@Override
		public CommitResult atomicWrite(AtomicWrite write) {
			return new CommitResult.CheckFailed(List.of());
		}

		@Override
		public String backendName() {
			return "check-failing";
		}

	}

}
