package dev.denokv.value.js;

/**
 * A Deno "cloneable" host object (for example a {@code CryptoKey}): V8 stores it as a host object
 * whose payload is an ordinary value, normally an object whose {@code type} names the Deno
 * deserializer. Written back as the same host object, so Deno reads it as before.
 *
 * <p>Mutable only so that a payload can refer back to its host object; not thread-safe.
 */
public final class JsHostObject {

	private Object payload;

	public JsHostObject(Object payload) {
		this.payload = payload;
	}

	/** The payload value. */
	public Object payload() {
		return this.payload;
	}

	public JsHostObject payload(Object payload) {
		this.payload = payload;
		return this;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof JsHostObject other
				&& ((this.payload == this) ? other.payload == other : java.util.Objects.equals(this.payload, other.payload));
	}

	@Override
	public int hashCode() {
		return JsHostObject.class.hashCode();
	}

	@Override
	public String toString() {
		return "JsHostObject(" + ((this.payload == this) ? "(this)" : this.payload) + ")";
	}

}
