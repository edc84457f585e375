package dev.denokv.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.denokv.error.KvInvalidArgumentException;
import dev.denokv.value.v8.V8ValueAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Serializes a record or POJO through the application's Jackson configuration (property names,
 * naming strategy, inclusion rules, custom serializers...) into a plain tree of maps, lists and
 * scalars. Values with a V8 form of their own come through as they are (see
 * {@link JsValuesJacksonModule}), so dates stay dates and nested collections keep their identity.
 */
final class JacksonValueAdapter implements V8ValueAdapter {

	private final JsonMapper mapper;

	JacksonValueAdapter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public Object adapt(Object value) {
		TokenBuffer tokens = TokenBuffer.forGeneration();
		try {
			this.mapper.writeValue(tokens, value);
			JsonParser parser = tokens.asParser();
			parser.nextToken();
			return read(parser);
		}
		catch (JacksonException ex) {
			throw new KvInvalidArgumentException("Cannot serialize a " + value.getClass().getName() + ": "
					+ ex.getOriginalMessage(), ex);
		}
		catch (StackOverflowError ex) {
			throw new KvInvalidArgumentException("Cannot serialize a " + value.getClass().getName()
					+ ": its objects refer to each other without end", null);
		}
	}

	private static Object read(JsonParser p) {
		JsonToken token = p.currentToken();
		switch (token) {
			case START_OBJECT: {
				Map<String, Object> map = new LinkedHashMap<>();
				while (p.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = p.currentName();
					p.nextToken();
					map.put(name, read(p));
				}
				return map;
			}
			case START_ARRAY: {
				List<Object> list = new ArrayList<>();
				while (p.nextToken() != JsonToken.END_ARRAY) {
					list.add(read(p));
				}
				return list;
			}
			case VALUE_STRING:
				return p.getString();
			case VALUE_NUMBER_INT:
			case VALUE_NUMBER_FLOAT:
				return p.getNumberValue();
			case VALUE_TRUE:
				return Boolean.TRUE;
			case VALUE_FALSE:
				return Boolean.FALSE;
			case VALUE_EMBEDDED_OBJECT:
				return p.getEmbeddedObject();
			case VALUE_NULL:
				return null;
			default:
				throw new KvInvalidArgumentException("Unexpected token " + token + " while serializing a value");
		}
	}

}
