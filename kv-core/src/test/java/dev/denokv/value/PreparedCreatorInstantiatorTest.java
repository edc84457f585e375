package dev.denokv.value;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import dev.denokv.model.RawValue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The prepared creator call must be invisible: every case binds (or fails) exactly as Jackson's own
 * call does, and the prepared call is really the one taken.
 */
class PreparedCreatorInstantiatorTest {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private static final JsonMapper PREPARED = JsonMapper.builder().addModule(new PreparedCreatorModule()).build();

	/** Whether the last record constructed here was called by the prepared instantiator. */
	private static volatile boolean calledPrepared;

	record Renamed(@JsonProperty("user_id") long id, @JsonProperty("display") String name, List<String> tags) {

		Renamed {
			calledPrepared = StackWalker.getInstance()
				.walk((frames) -> frames.anyMatch((f) -> f.getClassName().equals(PreparedCreatorInstantiator.class.getName())));
		}

	}

	record Factory(String value, int length) {

		@JsonCreator
		static Factory of(@JsonProperty("text") String text) {
			return new Factory(text, text.length());
		}

	}

	record Checked(int amount) {

		Checked {
			if (amount < 0) {
				throw new IllegalArgumentException("amount must not be negative");
			}
		}

	}

	record Primitives(int count, boolean flag, double ratio, String text) {
	}

	private record Hidden(String secret) {
	}

	static final class Pojo {

		final String first;

		final int second;

		String extra;

		@JsonCreator
		Pojo(@JsonProperty("first") String first, @JsonProperty("second") int second) {
			this.first = first;
			this.second = second;
		}

		public void setExtra(String extra) {
			this.extra = extra;
		}

	}

	@Test
	void usesThePreparedCallAndKeepsJsonPropertyNames() {
		Renamed read = PREPARED.readValue("{\"user_id\":7,\"display\":\"Ada\",\"tags\":[\"a\"]}", Renamed.class);
		assertThat(calledPrepared).isTrue();
		assertThat(read).isEqualTo(new Renamed(7, "Ada", List.of("a")));
		PLAIN.readValue("{\"user_id\":7}", Renamed.class);
		assertThat(calledPrepared).isFalse();
	}

	@Test
	void callsStaticFactoryCreators() {
		String json = "{\"text\":\"hello\"}";
		assertThat(PREPARED.readValue(json, Factory.class)).isEqualTo(new Factory("hello", 5))
			.isEqualTo(PLAIN.readValue(json, Factory.class));
	}

	@Test
	void bindsCreatorPojosWithSettersAndPrivateRecords() {
		Pojo pojo = PREPARED.readValue("{\"extra\":\"x\",\"second\":2,\"first\":\"one\"}", Pojo.class);
		assertThat(pojo.first).isEqualTo("one");
		assertThat(pojo.second).isEqualTo(2);
		assertThat(pojo.extra).isEqualTo("x");
		assertThat(PREPARED.readValue("{\"secret\":\"s\"}", Hidden.class)).isEqualTo(new Hidden("s"));
	}

	@Test
	void missingPrimitivesFollowJacksonsNullHandling() {
		Throwable prepared = catchThrowable(() -> PREPARED.readValue("{}", Primitives.class));
		Throwable plain = catchThrowable(() -> PLAIN.readValue("{}", Primitives.class));
		assertThat(prepared).isNotNull().hasMessage(plain.getMessage());
		JsonMapper lenient = PREPARED.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
		assertThat(lenient.readValue("{\"text\":\"t\"}", Primitives.class))
			.isEqualTo(new Primitives(0, false, 0.0, "t"));
	}

	@Test
	void constructorFailuresSurfaceAsJacksonsInstantiationError() {
		String json = "{\"amount\":-1}";
		Throwable prepared = catchThrowable(() -> PREPARED.readValue(json, Checked.class));
		Throwable plain = catchThrowable(() -> PLAIN.readValue(json, Checked.class));
		assertThat(prepared).isInstanceOf(ValueInstantiationException.class)
			.hasMessage(plain.getMessage())
			.hasRootCauseInstanceOf(IllegalArgumentException.class)
			.hasRootCauseMessage("amount must not be negative");
	}

	@Test
	void theCodecKeepsNamingStrategiesAndWrapsConstructorFailures() {
		record Account(String displayName, int loginCount) {
		}
		JacksonKvValueCodec codec = new JacksonKvValueCodec(
				JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
		RawValue stored = codec.encode(new Account("Ada", 3));
		assertThat(codec.decode(stored, Map.class)).isEqualTo(Map.of("display_name", "Ada", "login_count", 3.0));
		assertThat(codec.decode(stored, Account.class)).isEqualTo(new Account("Ada", 3));

		RawValue negative = codec.encode(Map.of("amount", -1));
		assertThatThrownBy(() -> codec.decode(negative, Checked.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageContaining("Cannot read the stored value into a " + Checked.class.getName())
			.hasRootCauseMessage("amount must not be negative");
	}

}
