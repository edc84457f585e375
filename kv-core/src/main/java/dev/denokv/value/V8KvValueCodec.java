package dev.denokv.value;

import java.lang.reflect.Type;

import dev.denokv.value.v8.StandardValueAdapter;
import dev.denokv.value.v8.V8ValueAdapter;

/**
 * The value codec without Jackson. It writes natural Java types, records (as plain JS objects of
 * their components) and the {@code dev.denokv.value.js} model, and reads into the natural form,
 * into records, into the usual numeric and date types, and into generic lists, sets and maps of
 * those. Stateless and thread-safe; use
 * {@link KvValueCodec#standard()}.
 */
public final class V8KvValueCodec extends AbstractKvValueCodec {

	static final V8KvValueCodec INSTANCE = new V8KvValueCodec();

	private V8KvValueCodec() {
	}

	@Override
	protected V8ValueAdapter adapter() {
		return StandardValueAdapter.INSTANCE;
	}

	@Override
	protected <T> T convert(Object natural, Class<T> type) {
		return NaturalTypeConverter.convert(natural, type);
	}

	@Override
	protected Object convert(Object natural, Type type) {
		return NaturalTypeConverter.convert(natural, type);
	}

}
