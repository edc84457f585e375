package dev.denokv.value;

import dev.denokv.error.KvException;

/**
 * A stored value could not be converted to the Java type asked for (for example a string read
 * into a record, or a cyclic structure bound to a type that cannot hold a cycle).
 */
public class KvValueMappingException extends KvException {

	public KvValueMappingException(String message) {
		super(message);
	}

	public KvValueMappingException(String message, Throwable cause) {
		super(message, cause);
	}

	/** A generic type asked of a codec that reads into classes only. */
	static KvValueMappingException classesOnly(java.lang.reflect.Type type) {
		return new KvValueMappingException("This value codec reads into classes only, not " + type.getTypeName()
				+ "; decode into a class, or use a codec that reads generic types (JacksonKvValueCodec, KvValueCodec.standard())");
	}

}
