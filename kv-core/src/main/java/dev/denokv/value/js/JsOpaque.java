package dev.denokv.value.js;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stored value the codec could not interpret: it holds a host object of unknown form, a tag
 * this codec does not know (for example a future V8 type), or a construct that cannot be
 * represented in Java. Nothing is lost: {@link #bytes()} is the whole serialized value (header
 * included) and the codec writes it back unchanged.
 *
 * @param bytes the complete serialized value
 * @param offset where the part that could not be read starts
 * @param reason why it could not be read
 */
public record JsOpaque(byte[] bytes, int offset, String reason) {

	public JsOpaque {
		Objects.requireNonNull(bytes, "bytes");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof JsOpaque other && Arrays.equals(this.bytes, other.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return "JsOpaque(" + this.reason + " at " + this.offset + ": " + HexFormat.of().formatHex(this.bytes) + ")";
	}

}
