package dev.denokv.key;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Number::toString as JS applies it, where Java's Double.toString writes something else. */
class JsNumberFormatTest {

	@Test
	void formatsAsJsNumberToString() {
		assertThat(JsNumberFormat.format(1e20)).isEqualTo("100000000000000000000");
		assertThat(JsNumberFormat.format(1e21)).isEqualTo("1e+21");
		assertThat(JsNumberFormat.format(0.0001)).isEqualTo("0.0001");
		assertThat(JsNumberFormat.format(1e-7)).isEqualTo("1e-7");
		assertThat(JsNumberFormat.format(-1.5)).isEqualTo("-1.5");
		assertThat(JsNumberFormat.format(123e-20)).isEqualTo("1.23e-18");
		assertThat(JsNumberFormat.format(5e-324)).isEqualTo("5e-324");
		assertThat(JsNumberFormat.format(0.002)).isEqualTo("0.002");
		assertThat(JsNumberFormat.format(-0.0)).isEqualTo("0");
		assertThat(JsNumberFormat.format(Double.NaN)).isEqualTo("NaN");
		assertThat(JsNumberFormat.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
	}

}
