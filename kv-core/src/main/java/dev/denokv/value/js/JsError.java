package dev.denokv.value.js;

import java.util.Objects;
import java.util.Set;

/**
 * A JavaScript {@code Error} as V8 stores it: the constructor's name (only {@code Error} and the
 * six native subclasses survive serialization; others read back as {@code Error}), an optional
 * message, an optional stack string and an optional cause of any type. Other properties of an
 * error (for example {@code code}) are not stored by V8.
 *
 * <p>Mutable only so that a cause can refer back to its own error (a cycle); not thread-safe.
 */
public final class JsError {

	/** The error names V8 keeps; any other name is written as a plain {@code Error}. */
	public static final Set<String> NATIVE_NAMES = Set.of("Error", "EvalError", "RangeError", "ReferenceError",
			"SyntaxError", "TypeError", "URIError");

	private String name;

	private String message;

	private String stack;

	private Object cause;

	private boolean hasCause;

	/** An error with the given name and message (null for none), without stack or cause. */
	public JsError(String name, String message) {
		this.name = Objects.requireNonNull(name, "name");
		this.message = message;
	}

	/** An {@code Error} with the given message. */
	public static JsError of(String message) {
		return new JsError("Error", message);
	}

	public String name() {
		return this.name;
	}

	public JsError name(String name) {
		this.name = Objects.requireNonNull(name, "name");
		return this;
	}

	/** The message, or null when the error has none. */
	public String message() {
		return this.message;
	}

	public JsError message(String message) {
		this.message = message;
		return this;
	}

	/** The stack string, or null when the error has none. */
	public String stack() {
		return this.stack;
	}

	public JsError stack(String stack) {
		this.stack = stack;
		return this;
	}

	/** Whether the error has a {@code cause} property (which may itself be null or undefined). */
	public boolean hasCause() {
		return this.hasCause;
	}

	/** The cause, or null when there is none; see {@link #hasCause()}. */
	public Object cause() {
		return this.cause;
	}

	public JsError cause(Object cause) {
		this.cause = cause;
		this.hasCause = true;
		return this;
	}

	@Override
	public boolean equals(Object o) {
		if (this == o) {
			return true;
		}
		return o instanceof JsError other && this.name.equals(other.name) && Objects.equals(this.message, other.message)
				&& Objects.equals(this.stack, other.stack) && this.hasCause == other.hasCause
				&& ((this.cause == this) ? other.cause == other : Objects.equals(this.cause, other.cause));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.message, this.stack);
	}

	@Override
	public String toString() {
		return (this.message != null) ? this.name + ": " + this.message : this.name;
	}

}
