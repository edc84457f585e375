package dev.denokv.core;

import org.junit.jupiter.api.Test;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.handler.Consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KvListOptionsTests {

	@Test
	void defaultsAreDenos() {
		KvListOptions options = KvListOptions.defaults();
		assertThat(options.isReverse()).isFalse();
		assertThat(options.getLimit()).isNull();
		assertThat(options.getCursor()).isNull();
		assertThat(options.getConsistency()).isEqualTo(Consistency.STRONG);
		assertThat(options.effectiveBatchSize()).isEqualTo(100);
	}

	@Test
	void batchSizeDefaultsToTheLimitCappedAt500() {
		assertThat(KvListOptions.defaults().limit(7).effectiveBatchSize()).isEqualTo(7);
		assertThat(KvListOptions.defaults().limit(5000).effectiveBatchSize()).isEqualTo(500);
		assertThat(KvListOptions.defaults().limit(5000).batchSize(800).effectiveBatchSize()).isEqualTo(800);
		assertThat(KvListOptions.defaults().batchSize(3).limit(10).effectiveBatchSize()).isEqualTo(3);
	}

	@Test
	void limitAndBatchSizeMustBePositive() {
		assertThatThrownBy(() -> KvListOptions.defaults().limit(0)).isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("Limit must be a positive integer: received 0");
		assertThatThrownBy(() -> KvListOptions.defaults().batchSize(-2))
			.isInstanceOf(KvInvalidArgumentException.class)
			.hasMessage("batchSize must be a positive integer: received -2");
	}

	@Test
	void optionsAreImmutable() {
		KvListOptions base = KvListOptions.defaults();
		KvListOptions changed = base.reverse(true).cursor("AmIA").consistency(Consistency.EVENTUAL);
		assertThat(base.isReverse()).isFalse();
		assertThat(changed.isReverse()).isTrue();
		assertThat(changed.getCursor()).isEqualTo("AmIA");
		assertThat(changed.cursor("").getCursor()).isNull();
		assertThat(changed.getConsistency()).isEqualTo(Consistency.EVENTUAL);
	}

}
