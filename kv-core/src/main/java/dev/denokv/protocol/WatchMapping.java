package dev.denokv.protocol;

import java.util.ArrayList;
import java.util.List;

import com.deno.kv.datapath.SnapshotReadStatus;
import com.deno.kv.datapath.Watch;
import com.deno.kv.datapath.WatchKey;
import com.deno.kv.datapath.WatchKeyOutput;
import com.deno.kv.datapath.WatchOutput;
import com.google.protobuf.ByteString;

import dev.denokv.handler.RawEntry;

/**
 * {@code watch} (protocol v3): {@link Watch} to and from a list of encoded keys, and a watch
 * snapshot ({@link dev.denokv.handler.WatchStream}: one {@link RawEntry} or {@code null} per key)
 * to a {@link WatchOutput}. Decoding outputs needs the previous snapshot, see
 * {@link WatchSnapshotDecoder}.
 */
public final class WatchMapping {

	private WatchMapping() {
	}

	/** The request for these encoded keys. */
	public static Watch toWatch(List<byte[]> keys) {
		Watch.Builder b = Watch.newBuilder();
		keys.forEach((k) -> b.addKeys(WatchKey.newBuilder().setKey(ByteString.copyFrom(k))));
		return b.build();
	}

	/** The encoded keys of a request, in request order. */
	public static List<byte[]> fromWatch(Watch request) {
		List<byte[]> keys = new ArrayList<>(request.getKeysCount());
		request.getKeysList().forEach((k) -> keys.add(k.getKey().toByteArray()));
		return keys;
	}

	/**
	 * A complete snapshot as a frame payload: status {@code SR_SUCCESS} and every key marked
	 * {@code changed = true}, with its entry or none when the key does not exist. This is what the
	 * {@code denokv} server sends, and what every client accepts as a first frame.
	 * @param snapshot one element per watched key, {@code null} for an absent key
	 */
	public static WatchOutput toWatchOutput(List<RawEntry> snapshot) {
		WatchOutput.Builder b = WatchOutput.newBuilder().setStatus(SnapshotReadStatus.SR_SUCCESS);
		for (RawEntry entry : snapshot) {
			WatchKeyOutput.Builder kb = WatchKeyOutput.newBuilder().setChanged(true);
			if (entry != null) {
				kb.setEntryIfChanged(ReadMapping.toKvEntry(entry));
			}
			b.addKeys(kb);
		}
		return b.build();
	}

}
