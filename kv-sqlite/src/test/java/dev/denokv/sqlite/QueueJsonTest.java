package dev.denokv.sqlite;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueueJson} reads Deno's columns as they are and never fails on anything else. */
class QueueJsonTest {

	@Test
	void readsDenoColumns() {
		assertThat(QueueJson.parseSchedule("m", "[100,1000,5000,30000,60000]")).containsExactly(100, 1000, 5000, 30000,
				60000);
		assertThat(QueueJson.parseSchedule("m", "[]")).isEmpty();
		assertThat(QueueJson.parseKeys("m", "[[2,97,0],[2,255,0]]")).containsExactly(new byte[] { 2, 97, 0 },
				new byte[] { 2, (byte) 255, 0 });
		assertThat(QueueJson.parseKeys("m", "[]")).isEmpty();
	}

	@Test
	void jsonNullScheduleIsEmptyAsInDeno() {
		assertThat(QueueJson.parseSchedule("m", "null")).isEmpty();
	}

	@Test
	void unreadableColumnsCountAsEmpty() {
		for (String json : new String[] { null, "", "not json", "{\"a\":1}", "42", "[1,", "\"[1]\"" }) {
			assertThat(QueueJson.parseSchedule("m", json)).as(json).isEmpty();
			assertThat(QueueJson.parseKeys("m", json)).as(json).isEmpty();
		}
		assertThat(QueueJson.parseKeys("m", "null")).isEmpty();
	}

	@Test
	void entriesOfTheWrongShapeAreSkippedAndTheRestKept() {
		assertThat(QueueJson.parseSchedule("m", "[100,\"x\",1.5,null,[1],-5,99999999999]")).containsExactly(100, 0,
				Integer.MAX_VALUE);
		List<byte[]> keys = QueueJson.parseKeys("m", "[[2,97,0],\"x\",[256],[-1],[1.5],null,[2,98,0]]");
		assertThat(keys).containsExactly(new byte[] { 2, 97, 0 }, new byte[] { 2, 98, 0 });
	}

}
