package dev.denokv.value;

import dev.denokv.value.v8.StandardValueAdapter;
import dev.denokv.value.v8.V8ValueAdapter;

/**
 * The value codec without Jackson. It writes natural Java types, records (as plain JS objects of
 * their components) and the {@code dev.denokv.value.js} model, and reads into the natural form,
 * into records, and into the usual numeric and date types. Stateless and thread-safe; use
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

}
