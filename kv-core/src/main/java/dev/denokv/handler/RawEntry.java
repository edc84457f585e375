package dev.denokv.handler;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

/**
 * A stored entry as a backend returns it: encoded key, raw value, and the versionstamp of the
 * commit that last wrote it. The key array is not copied: do not modify it.
 */
public record RawEntry(byte[] key, RawValue value, Versionstamp versionstamp) {

	public RawEntry {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(versionstamp, "versionstamp");
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof RawEntry e && Arrays.equals(this.key, e.key) && this.value.equals(e.value)
				&& this.versionstamp.equals(e.versionstamp);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.key) * 31 + this.value.hashCode();
	}

	@Override
	public String toString() {
		return "RawEntry[" + HexFormat.of().formatHex(this.key) + " = " + this.value + " @" + this.versionstamp + "]";
	}

}
