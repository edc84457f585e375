package dev.denokv.value.v8;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.denokv.value.v8.V8Tags.*;

/**
 * Streams a V8-serialized value that is plain JSON-like data (objects with named properties,
 * arrays without holes or extra properties, strings, numbers, bigints, booleans, null and
 * undefined) as events, without building Java objects for it. Binding such values to records and
 * POJOs is the common case, and this skips the intermediate maps and lists.
 *
 * <p>It answers only when the events are exactly what {@link V8Reader} with
 * {@link V8ReadOptions#NATURAL} would read: anything else (references, dates, maps, sets, byte
 * arrays, index-like property names, duplicate properties, holes, malformed input...) makes
 * {@link #stream} return {@code false}, and the caller must discard the events and take the full
 * reader, which then gives the proper value or error. Stateless and thread-safe.
 */
public final class V8PlainValueStreamer {

	/** Receives the value, depth first. Numbers arrive as doubles, as JS numbers are. */
	public interface Sink {

		void startObject();

		void name(String name);

		void endObject();

		void startArray();

		void endArray();

		void string(String value);

		void number(double value);

		void bigint(BigInteger value);

		void bool(boolean value);

		/** {@code null} or {@code undefined} (the natural form reads both as null). */
		void nullValue();

	}

	/** Signals that the value is not plain; never escapes this class. */
	private static final class NotPlain extends RuntimeException {

		private static final NotPlain INSTANCE = new NotPlain();

		private NotPlain() {
			super(null, null, false, false);
		}

	}

	/** Longest one-byte property name kept in {@link #NAMES}. */
	private static final int MAX_CACHED_NAME = 32;

	/**
	 * Recently seen one-byte property names, by a hash of their bytes: records read the same few
	 * names over and over, and a reused String also keeps its hash code for Jackson's property
	 * lookup. Racy by design: a slot holds some immutable {@link CachedName} or null, and every hit
	 * is checked.
	 */
	private static final CachedName[] NAMES = new CachedName[1024];

	/** A cached name with its Latin-1 bytes, so that a hit is checked on bytes, not chars. */
	private record CachedName(byte[] bytes, String string) {
	}

	private final V8Input in;

	private final Sink sink;

	private int depth;

	private V8PlainValueStreamer(byte[] data, Sink sink) {
		this.in = new V8Input(data, 0, data.length);
		this.sink = sink;
	}

	/**
	 * Streams {@code data} into {@code sink} if its top-level value is a plain JS object.
	 * @return {@code false} if the value is not plain (the sink may have received some events)
	 */
	public static boolean streamObject(byte[] data, Sink sink) {
		V8PlainValueStreamer streamer = new V8PlainValueStreamer(data, sink);
		try {
			return streamer.readHeader() && streamer.in.readTag() == BEGIN_JS_OBJECT && streamer.readObject();
		}
		catch (NotPlain | V8DecodeException ex) {
			return false;
		}
	}

	private boolean readHeader() {
		if (this.in.remaining() < 2 || this.in.readByte() != VERSION) {
			return false;
		}
		int version = this.in.readVarint32();
		return version >= 13 && version <= 16;
	}

	private void readValue() {
		int tag = this.in.readTag();
		switch (tag) {
			case UNDEFINED, NULL -> this.sink.nullValue();
			case TRUE -> this.sink.bool(true);
			case FALSE -> this.sink.bool(false);
			case INT32 -> this.sink.number(this.in.readZigZag32());
			case UINT32 -> this.sink.number(this.in.readUint32());
			case DOUBLE -> this.sink.number(this.in.readDouble());
			case BIGINT -> this.sink.bigint(this.in.readBigIntPayload());
			case ONE_BYTE_STRING -> this.sink.string(this.in.readOneByteString());
			case TWO_BYTE_STRING -> this.sink.string(this.in.readTwoByteString());
			case UTF8_STRING -> this.sink.string(this.in.readUtf8String());
			case BEGIN_JS_OBJECT -> readObject();
			case BEGIN_DENSE_JS_ARRAY -> readDenseArray();
			default -> throw NotPlain.INSTANCE;
		}
	}

	private boolean readObject() {
		enter();
		this.sink.startObject();
		String[] names = null;
		int pairs = 0;
		while (this.in.peekTag() != END_JS_OBJECT) {
			String name = readName();
			names = remember(names, pairs, name);
			this.sink.name(name);
			readValue();
			pairs++;
		}
		this.in.readTag();
		if (this.in.readUint32() != pairs) {
			throw NotPlain.INSTANCE;
		}
		this.sink.endObject();
		this.depth--;
		return true;
	}

	/**
	 * A named (non-index) string property name. Index-like names would need JS's reordering and
	 * numeric names their string form: both are left to the full reader.
	 */
	private String readName() {
		String name = switch (this.in.readTag()) {
			case ONE_BYTE_STRING -> readOneByteName();
			case TWO_BYTE_STRING -> this.in.readTwoByteString();
			case UTF8_STRING -> this.in.readUtf8String();
			default -> throw NotPlain.INSTANCE;
		};
		if (!name.isEmpty() && name.charAt(0) <= '9' && JsKeyNames.arrayIndex(name) >= 0) {
			throw NotPlain.INSTANCE;
		}
		return name;
	}

	private String readOneByteName() {
		int length = this.in.readLength(false);
		byte[] buf = this.in.buf;
		int start = this.in.pos;
		this.in.pos += length;
		if (length > MAX_CACHED_NAME) {
			return new String(buf, start, length, StandardCharsets.ISO_8859_1);
		}
		int hash = length;
		for (int i = start; i < start + length; i++) {
			hash = 31 * hash + buf[i];
		}
		int slot = (hash ^ (hash >>> 16)) & (NAMES.length - 1);
		CachedName cached = NAMES[slot];
		if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, buf, start, start + length)) {
			return cached.string;
		}
		String name = new String(buf, start, length, StandardCharsets.ISO_8859_1);
		NAMES[slot] = new CachedName(Arrays.copyOfRange(buf, start, start + length), name);
		return name;
	}

	/** Records a property name, refusing a duplicate (the full reader reports it as an error). */
	private static String[] remember(String[] names, int count, String name) {
		String[] seen = names;
		if (seen == null) {
			seen = new String[8];
		}
		for (int i = 0; i < count; i++) {
			if (seen[i].equals(name)) {
				throw NotPlain.INSTANCE;
			}
		}
		if (count == seen.length) {
			seen = Arrays.copyOf(seen, count * 2);
		}
		seen[count] = name;
		return seen;
	}

	private void readDenseArray() {
		enter();
		long length = this.in.readUint32();
		if (length > this.in.remaining()) {
			throw NotPlain.INSTANCE;
		}
		this.sink.startArray();
		for (long i = 0; i < length; i++) {
			if (this.in.peekTag() == THE_HOLE) {
				throw NotPlain.INSTANCE;
			}
			readValue();
		}
		// Extra properties make it a JsArray in the natural form.
		if (this.in.readTag() != END_DENSE_JS_ARRAY || this.in.readUint32() != 0 || this.in.readUint32() != length) {
			throw NotPlain.INSTANCE;
		}
		this.sink.endArray();
		this.depth--;
	}

	private void enter() {
		if (++this.depth > V8Reader.MAX_DEPTH) {
			throw NotPlain.INSTANCE;
		}
	}

}
