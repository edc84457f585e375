package dev.denokv.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.model.KvU64;
import dev.denokv.model.RawValue;
import dev.denokv.model.ValueEncoding;
import dev.denokv.value.JacksonKvValueCodec;
import dev.denokv.value.KvValueCodec;
import dev.denokv.value.js.JsArray;
import dev.denokv.value.js.JsArrayBuffer;
import dev.denokv.value.js.JsBoxed;
import dev.denokv.value.js.JsError;
import dev.denokv.value.js.JsInvalidDate;
import dev.denokv.value.js.JsMap;
import dev.denokv.value.js.JsRegExp;
import dev.denokv.value.js.JsTypedArray;
import dev.denokv.value.js.JsTypedArrayKind;
import dev.denokv.value.js.JsUndefined;
import dev.denokv.value.v8.JsDescriptors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V8 values against real Deno 2.9.5, both ways. Java encodes values of every mapped type; Deno
 * reads them with {@code node:v8} and through Deno KV itself (the bytes are put into a real KV
 * file) and must get exactly the intended JS values, compared as descriptors that capture types,
 * -0, holes and shared identity. Deno serializes JS values with {@code node:v8} and stores them
 * with Deno KV; Java must read exactly what Deno reads back.
 */
class V8ValueInteropTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final HexFormat HEX = HexFormat.of();

	private final JacksonKvValueCodec codec = new JacksonKvValueCodec(JsonMapper.builder().build());

	@TempDir
	Path dir;

	record Customer(String name, String email) {
	}

	record Line(String sku, int qty, double price) {
	}

	record Order(String id, Customer customer, List<Line> lines, Instant placed, BigInteger total, byte[] receipt,
			Set<String> tags, Map<String, Integer> stock, boolean paid) {
	}

	record User(long id, String name, String email, boolean active, double score, List<String> tags) {
	}

	enum Status {
		ACTIVE, BLOCKED
	}

	static class Account {

		@JsonProperty("display_name")
		public String name = "Ada";

		public Status status = Status.BLOCKED;

		public Optional<String> nickname = Optional.of("ada");

		public Optional<String> missing = Optional.empty();

	}

	/** A Java value, how Java encodes it, and the JS expression for the value Deno must see. */
	private record Case(String name, RawValue raw, String expect) {
	}

	private Case jackson(String name, Object value, String expect) {
		return new Case(name, this.codec.encode(value), expect);
	}

	private List<Case> javaCases() {
		List<Case> cases = new ArrayList<>();
		Instant placed = Instant.ofEpochMilli(1700000000123L);
		Set<String> tags = new LinkedHashSet<>(List.of("new", "gift"));
		Map<String, Integer> stock = new LinkedHashMap<>();
		stock.put("a", 1);
		stock.put("b", 2);
		cases.add(jackson("record_nested", new Order("o-1", new Customer("Ada Lovelace", "ada@example.com"),
				List.of(new Line("sku-1", 2, 9.99), new Line("sku-2", 1, 0.5)), placed,
				new BigInteger("123456789012345678901234567890"), new byte[] { 0, 1, (byte) 255 }, tags, stock, true),
				"""
				{id: "o-1", customer: {name: "Ada Lovelace", email: "ada@example.com"},
				 lines: [{sku: "sku-1", qty: 2, price: 9.99}, {sku: "sku-2", qty: 1, price: 0.5}],
				 placed: new Date(1700000000123), total: 123456789012345678901234567890n,
				 receipt: new Uint8Array([0, 1, 255]), tags: new Set(["new", "gift"]), stock: {a: 1, b: 2}, paid: true}"""));
		cases.add(jackson("list_numbers", Arrays.asList(1, 2.5, "x", true, null, -0.0, Double.NaN,
				Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2147483648L, -2147483648, 9007199254740992L, 1e-300,
				(short) 7, 1.5f), """
				[1, 2.5, "x", true, null, -0, NaN, Infinity, -Infinity, 2147483648, -2147483648, 9007199254740992,
				 1e-300, 7, 1.5]"""));
		JsMap jsMap = new JsMap();
		jsMap.put(1.0, "one");
		jsMap.put("k", List.of(1));
		jsMap.put(true, null);
		jsMap.put(Map.of("a", 1), "object key");
		cases.add(jackson("map_js", jsMap, """
				new Map([[1, "one"], ["k", [1]], [true, null], [{a: 1}, "object key"]])"""));
		Map<Integer, String> intKeys = new LinkedHashMap<>();
		intKeys.put(2, "b");
		intKeys.put(1, "a");
		cases.add(new Case("map_integer_keys", KvValueCodec.standard().encode(intKeys), "new Map([[2, \"b\"], [1, \"a\"]])"));
		cases.add(jackson("set", new LinkedHashSet<>(List.of("a", "b", 1, BigInteger.TEN)), "new Set([\"a\", \"b\", 1, 10n])"));
		cases.add(jackson("bigints", List.of(BigInteger.TWO.pow(70), BigInteger.ONE.negate(), BigInteger.ZERO,
				BigInteger.TWO.pow(64).negate(), BigInteger.TWO.pow(4000)), "[2n ** 70n, -1n, 0n, -(2n ** 64n), 2n ** 4000n]"));
		cases.add(jackson("dates", List.of(placed, new Date(0), Instant.ofEpochMilli(-1), new JsInvalidDate(),
				Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("+275760-09-13T00:00:00Z")), """
				[new Date(1700000000123), new Date(0), new Date(-1), new Date(NaN), new Date("1900-01-01T00:00:00Z"),
				 new Date(8.64e15)]"""));
		cases.add(jackson("bytes_nested", Map.of("b", new byte[] { 1, 2, 3 }), "{b: new Uint8Array([1, 2, 3])}"));
		cases.add(jackson("bytes_top_level", new byte[] { 0, 1, (byte) 255 }, "new Uint8Array([0, 1, 255])"));
		cases.add(jackson("bytes_empty_top_level", new byte[0], "new Uint8Array([])"));
		cases.add(jackson("typed_arrays", List.of(new short[] { -1, 2 }, new int[] { -1, 7 },
				new long[] { -1L, Long.MAX_VALUE }, new float[] { 1.5f }, new double[] { -0.0, 2.5 }), """
				[new Int16Array([-1, 2]), new Int32Array([-1, 7]), new BigInt64Array([-1n, 9223372036854775807n]),
				 new Float32Array([1.5]), new Float64Array([-0, 2.5])]"""));
		Map<String, Object> shared = new LinkedHashMap<>();
		shared.put("x", 1);
		cases.add(jackson("shared_map", List.of(shared, shared, Map.of("again", shared)),
				"(() => { const o = {x: 1}; return [o, o, {again: o}]; })()"));
		Customer customer = new Customer("Ada", "a@b");
		cases.add(jackson("shared_record", List.of(customer, customer),
				"(() => { const c = {name: \"Ada\", email: \"a@b\"}; return [c, c]; })()"));
		byte[] sharedBytes = { 7 };
		cases.add(jackson("shared_bytes", List.of(sharedBytes, sharedBytes),
				"(() => { const b = new Uint8Array([7]); return [b, b]; })()"));
		Map<String, Object> cycle = new LinkedHashMap<>();
		cycle.put("name", "self");
		cycle.put("self", cycle);
		cases.add(jackson("cycle", cycle, "(() => { const a = {name: \"self\"}; a.self = a; return a; })()"));
		cases.add(jackson("strings", List.of("", "hello", "café ÿ", "日本語 €", "😀👍🏽", "a\u0000b", "\ud800",
				"x".repeat(200), "Ω中".repeat(100)), """
				["", "hello", "caf\\u00e9 \\u00ff", "\\u65e5\\u672c\\u8a9e \\u20ac", "\\u{1F600}\\u{1F44D}\\u{1F3FD}",
				 "a\\u0000b", "\\ud800", "x".repeat(200), "\\u03a9\\u4e2d".repeat(100)]"""));
		Map<String, Object> unicodeKeys = new LinkedHashMap<>();
		unicodeKeys.put("é", 1);
		unicodeKeys.put("日", 2);
		unicodeKeys.put("😀", 3);
		unicodeKeys.put("ab", "€");
		unicodeKeys.put("a", "€");
		cases.add(jackson("unicode_keys_and_padding", unicodeKeys,
				"{\"\\u00e9\": 1, \"\\u65e5\": 2, \"\\u{1F600}\": 3, ab: \"\\u20ac\", a: \"\\u20ac\"}"));
		Map<String, Object> numericKeys = new LinkedHashMap<>();
		numericKeys.put("b", 1);
		numericKeys.put("2", 2);
		numericKeys.put("a", 3);
		numericKeys.put("1", 4);
		numericKeys.put("4294967295", 5);
		cases.add(jackson("numeric_keys", numericKeys, "{b: 1, 2: 2, a: 3, 1: 4, \"4294967295\": 5}"));
		Map<String, Object> undefinedAndNull = new LinkedHashMap<>();
		undefinedAndNull.put("u", JsUndefined.INSTANCE);
		undefinedAndNull.put("n", null);
		cases.add(jackson("undefined_and_null", undefinedAndNull, "{u: undefined, n: null}"));
		cases.add(jackson("undefined_top_level", JsUndefined.INSTANCE, "undefined"));
		cases.add(jackson("regexp_and_errors", List.of(new JsRegExp("a+b", "gi"), new JsRegExp("[\\p{L}]", "v"),
				new JsError("TypeError", "bad").stack("TypeError: bad\n    at x").cause(Map.of("code", 42)),
				JsError.of("plain")), """
				[/a+b/gi, /[\\p{L}]/v,
				 (() => { const e = new TypeError("bad", {cause: {code: 42}}); e.stack = "TypeError: bad\\n    at x"; return e; })(),
				 (() => { const e = new Error("plain"); delete e.stack; return e; })()]"""));
		cases.add(jackson("boxed", List.of(new JsBoxed(1.5), new JsBoxed("s€"), new JsBoxed(false), new JsBoxed(BigInteger.ONE)),
				"[new Number(1.5), new String(\"s\\u20ac\"), new Boolean(false), Object(1n)]"));
		JsArray sparse = new JsArray(5).set(1, 1).set(3, "x");
		sparse.properties().put("extra", true);
		cases.add(jackson("sparse_array", sparse,
				"(() => { const a = new Array(5); a[1] = 1; a[3] = \"x\"; a.extra = true; return a; })()"));
		JsArrayBuffer buffer = new JsArrayBuffer(new byte[] { 1, 2, 3, 4 });
		cases.add(jackson("buffer_and_views", List.of(buffer, new JsTypedArray(JsTypedArrayKind.UINT8, buffer, 1, 2, false),
				new JsTypedArray(JsTypedArrayKind.DATA_VIEW, buffer, 0, 4, false)),
				"(() => { const b = new Uint8Array([1, 2, 3, 4]).buffer; return [b, new Uint8Array(b, 1, 2), new DataView(b)]; })()"));
		cases.add(jackson("kvu64_top_level", KvU64.of(new BigInteger("18446744073709551615")),
				"new Deno.KvU64(18446744073709551615n)"));
		cases.add(jackson("kvu64_nested", Map.of("n", KvU64.of(5)), "{n: {value: 5n}}"));
		// Jackson 3 sorts POJO properties alphabetically by default; the mapper's order is kept.
		cases.add(jackson("pojo_enum_optional", new Account(),
				"{display_name: \"Ada\", missing: null, nickname: \"ada\", status: \"BLOCKED\"}"));
		cases.add(jackson("large_two_byte", "€".repeat(30000), "\"\\u20ac\".repeat(30000)"));
		cases.add(jackson("empty", List.of(List.of(), Map.of()), "[[], {}]"));
		cases.add(new Case("standard_codec_record", KvValueCodec.standard().encode(new Line("s", 1, 2.5)),
				"{sku: \"s\", qty: 1, price: 2.5}"));
		return cases;
	}

	@Test
	void denoReadsExactlyTheValuesJavaWrote() {
		List<Case> cases = javaCases();
		List<Map<String, Object>> input = new ArrayList<>();
		for (Case c : cases) {
			input.add(Map.of("name", c.name(), "encoding", c.raw().encoding().code(), "hex", HEX.formatHex(c.raw().data()),
					"expect", c.expect()));
		}
		JsonNode out = run("decode", input);
		assertThat(out.size()).isEqualTo(cases.size());
		List<String> mismatches = new ArrayList<>();
		for (JsonNode row : out) {
			JsonNode expected = row.get("expected");
			if (!row.get("v8").isNull() && !expected.equals(row.get("v8"))) {
				mismatches.add(row.get("name").asString() + " via node:v8\n  expected " + expected + "\n  actual   " + row.get("v8"));
			}
			if (!expected.equals(row.get("kv"))) {
				mismatches.add(row.get("name").asString() + " via Deno KV\n  expected " + expected + "\n  actual   " + row.get("kv"));
			}
		}
		assertThat(mismatches).isEmpty();
		// Every case went through both of Deno's readers.
		assertThat(out.findValues("kv")).hasSize(cases.size());
	}

	/** JS expressions for values Deno writes; the first few also appear in {@link #javaCases()}. */
	private static final List<String> DENO_VALUES = List.of(
			"{id: 7, name: \"user-7\", email: \"user7@example.com\", active: false, score: 10.5, tags: [\"alpha\", \"beta\"]}",
			"[1, 2.5, \"x\", true, null, undefined, -0, NaN, Infinity, 2147483648, -2147483649, 2 ** 53]",
			"[\"\", \"caf\\u00e9\", \"\\u65e5\\u672c\\u8a9e \\u20ac\", \"\\u{1F600}\\u{1F44D}\\u{1F3FD}\", \"\\ud800\", \"x\".repeat(300)]",
			"{\"\\u00e9\": 1, \"\\u{1F600}\": {ab: \"\\u20ac\"}, b: 1, 2: 2, \"-1\": 3, \"1.5\": 4, \"4294967295\": 5, 4294967294: 6}",
			"[0n, -1n, 2n ** 64n, -(2n ** 200n), 2n ** 4000n + 1n]",
			"[new Date(1700000000123), new Date(-1), new Date(NaN), new Date(8.64e15)]",
			"[/abc/gi, /a\\/b\\d+$/, /x.y/dgimsuy, /[\\p{L}--[a-z]]/v]",
			"new Map([[1, \"a\"], [\"k\", {x: 1}], [null, undefined], [{}, 1], [{}, 2], [1n, [1]]])",
			"new Set([1, \"a\", null, 1n, {}, undefined])",
			"(() => { const m = new Map(); m.set(\"me\", m); return m; })()",
			"(() => { const o = {x: 1}; return {a: o, b: o, c: [o]}; })()",
			"(() => { const a = {name: \"self\"}; a.self = a; a.list = [a]; return a; })()",
			"[[1, , 3], new Array(3), (() => { const a = new Array(2); a[0] = 1; a[1] = 2; return a; })(), Object.assign([1, 2], {foo: \"bar\"})]",
			"(() => { const a = []; a[1000] = 1; return a; })()",
			"[new Int8Array([-128, 127]), new Uint8ClampedArray([0, 255]), new Int16Array([-32768]), new Uint16Array([65535]), new Int32Array([-1]), new Uint32Array([4294967295]), new Float32Array([1.5, NaN]), new Float64Array([-0, 0.1]), new BigInt64Array([-1n]), new BigUint64Array([18446744073709551615n]), new Float16Array([1.5, -2])]",
			"(() => { const b = new ArrayBuffer(8); return {b, u8: new Uint8Array(b, 2, 3), dv: new DataView(b, 1, 2), i16: new Int16Array(b, 2, 2)}; })()",
			"[new ArrayBuffer(3), new Uint8Array(new ArrayBuffer(2, {maxByteLength: 4})), new Uint8Array(new ArrayBuffer(4, {maxByteLength: 8}), 1, 2)]",
			"{bytes: new Uint8Array([1, 2, 3])}",
			"[new Error(\"boom\"), new TypeError(\"t\"), new RangeError(\"r\"), new SyntaxError(\"s\"), new ReferenceError(\"f\"), new EvalError(\"e\"), new URIError(\"u\"), new Error(\"outer\", {cause: new Error(\"inner\")}), new Error()]",
			"(() => { const e = new Error(\"self\"); e.cause = e; return e; })()",
			"[new Number(1.5), new String(\"\\u20ac\"), new Boolean(true), Object(1n)]",
			"Object.assign(Object.create(null), {x: 1})",
			"new (class Foo { constructor() { this.x = 1; this.y = [2]; } })()",
			"new Deno.KvU64(42n)",
			"{n: new Deno.KvU64(5n)}",
			"new Uint8Array([0, 1, 255])",
			"undefined",
			"\"\\u20ac\".repeat(30000)");

	@Test
	void javaReadsExactlyTheValuesDenoWrote() {
		List<Map<String, Object>> input = new ArrayList<>();
		for (int i = 0; i < DENO_VALUES.size(); i++) {
			input.add(Map.of("name", "deno_" + i, "js", DENO_VALUES.get(i)));
		}
		JsonNode out = run("encode", input);
		assertThat(out.size()).isEqualTo(DENO_VALUES.size());
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < out.size(); i++) {
			JsonNode row = out.get(i);
			String what = DENO_VALUES.get(i);
			byte[] v8 = HEX.parseHex(row.get("v8").asString());
			// node:v8 writes typed arrays as Node host objects, which keep only the view's bytes.
			boolean relax = row.get("v8_read").toString().contains("buffer_id");
			compare(mismatches, what + " (node:v8 " + row.get("v8").asString() + ")", row.get("v8_read"),
					dev.denokv.value.v8.V8Reader.read(v8), relax);
			RawValue stored = new RawValue(ValueEncoding.ofCode(row.get("kv").get("encoding").asInt()),
					HEX.parseHex(row.get("kv").get("hex").asString()));
			if (stored.encoding() == ValueEncoding.V8) {
				assertThat(stored.data()[1]).as("Deno 2.9.5 writes V8 format 16").isEqualTo((byte) 16);
			}
			compare(mismatches, what + " (Deno KV " + stored + ")", row.get("kv_read"), this.codec.decodeJs(stored),
					stored.encoding() == ValueEncoding.BYTES);
		}
		assertThat(mismatches).isEmpty();
		// And into a record, through the application's mapper.
		RawValue user = new RawValue(ValueEncoding.V8, HEX.parseHex(out.get(0).get("kv").get("hex").asString()));
		assertThat(this.codec.decode(user, User.class))
			.isEqualTo(new User(7, "user-7", "user7@example.com", false, 10.5, List.of("alpha", "beta")));
		assertThat(this.codec.decode(user, Object.class)).isInstanceOf(Map.class);
	}

	private static void compare(List<String> mismatches, String what, JsonNode denoRead, Object javaRead, boolean relax) {
		JsonNode expected = JsDescriptors.normalize(denoRead, relax);
		JsonNode actual = JsDescriptors.normalize(JsDescriptors.of(javaRead), relax);
		if (!JsDescriptors.same(expected, actual)) {
			mismatches.add(what + "\n  deno " + expected + "\n  java " + actual);
		}
	}

	private JsonNode run(String mode, List<Map<String, Object>> cases) {
		try {
			Path casesFile = this.dir.resolve(mode + "-cases.json");
			Files.writeString(casesFile, JSON.writeValueAsString(cases));
			Path script = Deno.scripts(this.dir, "v8-values.ts", "js-descriptor.ts");
			String out = Deno.run(script, List.of(mode, casesFile.toString(), this.dir.resolve(mode + ".sqlite3").toString()),
					Map.of(), 180);
			return JSON.readTree(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
