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

}
