package dev.denokv.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.denokv.model.RawValue;
import dev.denokv.value.js.JsArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binding a value whose objects are shared (V8 writes them once and back-references them) copies
 * each shared object once per path to it; both codecs bound that work by a budget of elements
 * per value, so a value of a few hundred bytes cannot expand into billions of objects. No timings
 * here: a blow-up shows as the budget's exception, where it used to be an OutOfMemoryError.
 */
class SharedValueExpansionTest {

	private static final String TOO_MANY = "The value expands to too many elements";

	private final KvValueCodec standard = KvValueCodec.standard();

	private final JacksonKvValueCodec jackson = new JacksonKvValueCodec();

	record Node(String n, List<Node> children) {
	}

	record Doubling(List<Object> a) {
	}

	record Wrapper(Object a) {
	}

	record Holes(List<List<Object>> a) {
	}

	record Nulls(List<String> a) {
	}

	/** {@code x = [1]; depth times x = [x, x]; {a: x}}, each level one list held twice. */
	private static Map<String, Object> doubledList(int depth) {
		Object x = new ArrayList<>(List.of(1));
		for (int i = 0; i < depth; i++) {
			x = new ArrayList<>(Arrays.asList(x, x));
		}
		return Map.of("a", x);
	}

	/** {@code x = {n: 'a', children: []}; depth times x = {n: 'a', children: [x, x]}}. */
	private static Map<String, Object> doubledNode(int depth) {
		Map<String, Object> x = node(List.of());
		for (int i = 0; i < depth; i++) {
			x = node(new ArrayList<>(Arrays.asList(x, x)));
		}
		return x;
	}

	private static Map<String, Object> node(List<Object> children) {
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("n", "a");
		node.put("children", children);
		return node;
	}

	private static int leaves(Node node) {
		return node.children().isEmpty() ? 1 : node.children().stream().mapToInt(SharedValueExpansionTest::leaves).sum();
	}

	@Test
	void refusesADoublingListOfDepth22WithTheBudgetException() {
		RawValue raw = this.jackson.encode(doubledList(22));
		// Written once per level, as V8 writes it.
		assertThat(raw.data()).hasSize(169);
		assertThatThrownBy(() -> this.jackson.decode(raw, Doubling.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
		assertThatThrownBy(() -> this.jackson.decode(raw, Wrapper.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
		// Nothing to copy: the natural form keeps the sharing, and so do the standard codec's
		// Object elements and components, which take the natural form as it is. (Compared by
		// identity, never printed: the printed form of such a value is 8 million elements.)
		Map<?, ?> natural = (Map<?, ?>) this.standard.decode(raw, Object.class);
		List<?> top = (List<?>) natural.get("a");
		assertThat(top.get(0) == top.get(1)).isTrue();
		List<Object> elements = this.standard.decode(raw, Doubling.class).a();
		assertThat(elements.get(0) == elements.get(1)).isTrue();
		List<?> component = (List<?>) this.standard.decode(raw, Wrapper.class).a();
		assertThat(component.get(0) == component.get(1)).isTrue();
	}

	@Test
	void refusesADoublingRecordTreeOfDepth22WithTheBudgetException() {
		RawValue raw = this.standard.encode(doubledNode(22));
		// The strings are written per level (V8 shares objects only), the objects once.
		assertThat(raw.data().length).isLessThan(1000);
		assertThatThrownBy(() -> this.standard.decode(raw, Node.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
		assertThatThrownBy(() -> this.standard.decodeQueuePayload(raw.data(), Node.class))
			.isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
		assertThatThrownBy(() -> this.jackson.decode(raw, Node.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
	}

	@Test
	void stillBindsModestSharingAsATree() {
		RawValue nodes = this.standard.encode(doubledNode(10));
		for (KvValueCodec codec : List.of(this.standard, this.jackson)) {
			Node root = codec.decode(nodes, Node.class);
			assertThat(leaves(root)).isEqualTo(1024);
			// A tree: each path its own record (records are values, so they are equal).
			assertThat(root.children().get(0)).isEqualTo(root.children().get(1)).isNotSameAs(root.children().get(1));
		}
		RawValue lists = this.jackson.encode(doubledList(10));
		assertThat(this.jackson.decode(lists, Doubling.class).a()).hasSize(2);
		assertThat(this.standard.decode(lists, Doubling.class).a()).hasSize(2);
	}

	@Test
	void boundsTheHolesOfAllArraysTogether() {
		// 64 × new Array(1 << 20): each array within the per-array limit, 64 Mi nulls in all.
		List<Object> arrays = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			arrays.add(new JsArray(1 << 20));
		}
		RawValue raw = this.jackson.encode(Map.of("a", arrays));
		assertThat(raw.data().length).isLessThan(1000);
		assertThatThrownBy(() -> this.jackson.decode(raw, Holes.class)).isInstanceOf(KvValueMappingException.class)
			.hasMessageStartingWith(TOO_MANY);
		// One such array is well within the budget, and binds as before: every hole a null.
		RawValue one = this.jackson.encode(Map.of("a", List.of(new JsArray(1 << 20))));
		List<Object> holes = this.jackson.decode(one, Holes.class).a().get(0);
		assertThat(holes).hasSize(1 << 20).containsOnlyNulls();
	}

	@Test
	void bindsTheDensestOrdinaryValueAsBefore() {
		// One byte per element: as many elements as a value without sharing or holes can have.
		List<Object> nulls = Arrays.asList(new Object[65_000]);
		RawValue raw = this.standard.encode(Map.of("a", nulls));
		assertThat(raw.data().length).isLessThanOrEqualTo(KvValueCodec.MAX_VALUE_SIZE);
		assertThat(this.standard.decode(raw, Nulls.class).a()).hasSize(65_000).containsOnlyNulls();
		assertThat(this.jackson.decode(raw, Nulls.class).a()).hasSize(65_000).containsOnlyNulls();
	}

}
