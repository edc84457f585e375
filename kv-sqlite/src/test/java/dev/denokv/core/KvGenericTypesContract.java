package dev.denokv.core;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.Test;

import dev.denokv.key.KvKey;
import dev.denokv.key.KvListSelector;
import dev.denokv.model.Versionstamp;
import dev.denokv.value.KvType;

import static org.assertj.core.api.Assertions.assertThat;

/** Every read into a generic type ({@link KvType}): get, getMany, list, listPage and watch. */
public interface KvGenericTypesContract extends KvTemplateContract {

	/** A list of records: what {@code Class<T>} cannot express. */
	KvType<List<KvReadWriteContract.Todo>> TODOS = new KvType<>() {
	};

	@Test
	default void getDecodesAListOfRecords() {
		KvKey key = KvKey.of("generic", "board");
		List<KvReadWriteContract.Todo> board = List.of(new KvReadWriteContract.Todo("a", false),
				new KvReadWriteContract.Todo("b", true));
		Versionstamp v = kv().set(key, board).versionstamp();
		KvEntry<List<KvReadWriteContract.Todo>> entry = kv().get(key, TODOS);
		assertThat(entry).isEqualTo(new KvEntry<>(key, board, v));
		assertThat(entry.value().get(0)).isInstanceOf(KvReadWriteContract.Todo.class);
		assertThat(kv().get(KvKey.of("generic", "missing"), TODOS).exists()).isFalse();
	}

	@Test
	default void mapsAndSetsFollowTheirTypeArguments() {
		KvKey key = KvKey.of("generic", "tally");
		kv().set(key, Map.of("x", 1, "y", 2));
		Map<String, Long> tally = kv().get(key, new KvType<Map<String, Long>>() {
		}).value();
		assertThat(tally).containsExactlyInAnyOrderEntriesOf(Map.of("x", 1L, "y", 2L));
		kv().set(key, Set.of(3));
		Set<Integer> set = kv().get(key, new KvType<Set<Integer>>() {
		}).value();
		assertThat(set).containsExactly(3);
	}

	@Test
	default void getManyListAndListPageDecodeIntoTheGenericType() {
		List<KvKey> keys = List.of(KvKey.of("boards", 1), KvKey.of("boards", 2));
		for (int i = 0; i < keys.size(); i++) {
			kv().set(keys.get(i), List.of(new KvReadWriteContract.Todo("t" + i, false)));
		}
		List<KvEntry<List<KvReadWriteContract.Todo>>> many = kv().getMany(keys, TODOS);
		assertThat(many).extracting((e) -> e.value().get(0).title()).containsExactly("t0", "t1");
		List<KvEntry<List<KvReadWriteContract.Todo>>> listed = kv().list(KvListSelector.prefix(KvKey.of("boards")), TODOS)
			.toList();
		assertThat(listed).extracting((e) -> e.value().get(0).title()).containsExactly("t0", "t1");
		KvPage<List<KvReadWriteContract.Todo>> page = kv().listPage(KvListSelector.prefix(KvKey.of("boards")), TODOS,
				KvListOptions.defaults().limit(1));
		assertThat(page.entries()).singleElement().satisfies((e) -> assertThat(e.value().get(0).title()).isEqualTo("t0"));
	}

	@Test
	default void watchDecodesIntoTheGenericType() throws Exception {
		KvKey key = KvKey.of("generic", "watched");
		kv().set(key, List.of(new KvReadWriteContract.Todo("first", false)));
		BlockingQueue<List<KvEntry<List<KvReadWriteContract.Todo>>>> emissions = new LinkedBlockingQueue<>();
		KvSubscription watch = kv().watch(List.of(key), TODOS, emissions::add);
		try {
			assertThat(poll(emissions).get(0).value()).containsExactly(new KvReadWriteContract.Todo("first", false));
		}
		finally {
			watch.cancel();
		}
	}

}
