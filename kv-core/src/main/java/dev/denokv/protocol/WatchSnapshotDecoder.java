package dev.denokv.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.deno.kv.datapath.WatchKeyOutput;
import com.deno.kv.datapath.WatchOutput;

import dev.denokv.error.KvBackendException;
import dev.denokv.handler.RawEntry;

/**
 * Turns the {@link WatchOutput}s of one watch connection back into complete snapshots, applying
 * {@code changed = false} ("same as the last delivery") against the previous snapshot. Use one
 * decoder per connection: every reconnect starts with a fresh full snapshot. Not thread-safe (one
 * reader per stream).
 */
public final class WatchSnapshotDecoder {

	private final int keyCount;

	private List<RawEntry> last;

	/** A decoder for a watch of {@code keyCount} keys. */
	public WatchSnapshotDecoder(int keyCount) {
		this.keyCount = keyCount;
	}

	/**
	 * A decoder that continues from an earlier snapshot of the same keys, for a client that
	 * reconnects: a server that marks a key unchanged in the new connection's first frame then
	 * means "as last delivered" instead of breaking the stream.
	 * @param previous the last snapshot delivered, or {@code null} if none
	 */
	public WatchSnapshotDecoder(int keyCount, List<RawEntry> previous) {
		this.keyCount = keyCount;
		if (previous != null && previous.size() != keyCount) {
			throw new IllegalArgumentException("previous snapshot has " + previous.size() + " keys, expected " + keyCount);
		}
		this.last = previous;
	}

	/**
	 * The snapshot after this output: one entry per watched key, {@code null} when absent.
	 * @throws KvBackendException when the server reports a status other than {@code SR_SUCCESS}
	 * ({@code "Reads are disabled for this database"} for {@code SR_READ_DISABLED})
	 * @throws KvConnectProtocolException when the output does not have one element per key, marks a
	 * key unchanged before any snapshot, or carries a malformed entry
	 */
	public List<RawEntry> apply(WatchOutput output) {
		ReadMapping.checkReadStatus(output.getStatus(), output.getStatusValue());
		if (output.getKeysCount() != this.keyCount) {
			throw new KvConnectProtocolException(
					"Watch output has " + output.getKeysCount() + " keys, expected " + this.keyCount);
		}
		List<RawEntry> next = new ArrayList<>(this.keyCount);
		for (int i = 0; i < this.keyCount; i++) {
			WatchKeyOutput key = output.getKeys(i);
			if (key.getChanged()) {
				next.add(key.hasEntryIfChanged() ? ReadMapping.fromKvEntry(key.getEntryIfChanged()) : null);
			}
			else if (this.last != null) {
				next.add(this.last.get(i));
			}
			else {
				throw new KvConnectProtocolException("Watch output marks key " + i + " unchanged before any snapshot");
			}
		}
		this.last = next;
		return Collections.unmodifiableList(next);
	}

}
