package dev.denokv.value.v8;

/**
 * Turns a Java object that {@link V8Writer} has no V8 form for (a record, a POJO, an enum...)
 * into one it has, usually a {@code Map<String,Object>} of its properties whose values may again
 * be any objects. The writer keeps the identity of the original object, so shared and cyclic
 * references through adapted objects are written as V8 back-references.
 */
@FunctionalInterface
public interface V8ValueAdapter {

	/**
	 * The replacement for {@code value}, of a type the writer knows.
	 * @throws dev.denokv.error.KvInvalidArgumentException if {@code value} cannot be represented
	 */
	Object adapt(Object value);

}
