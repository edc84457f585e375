package dev.denokv.protocol;

import java.io.IOException;
import java.io.OutputStream;

import com.deno.kv.datapath.WatchOutput;

/**
 * The framing of a v3 {@code watch} response body: each frame is a 4-byte little-endian length
 * followed by that many bytes of a protobuf {@link WatchOutput}; a frame of length 0 is a
 * keep-alive ping that readers skip. Read frames with {@link WatchFrameReader}.
 */
public final class WatchFrames {

	/** Longest frame {@code denokv_remote} accepts: 16 MiB. */
	public static final int MAX_FRAME_LENGTH = 16 * 1024 * 1024;

	/** The {@code Content-Type} of a watch response. */
	public static final String CONTENT_TYPE = "application/octet-stream";

	private WatchFrames() {
	}

	/** The bytes of one data frame. */
	public static byte[] encode(WatchOutput output) {
		byte[] payload = output.toByteArray();
		if (payload.length > MAX_FRAME_LENGTH) {
			throw new IllegalArgumentException("Watch frame of " + payload.length + " bytes exceeds 16 MiB");
		}
		byte[] frame = new byte[4 + payload.length];
		writeLength(frame, payload.length);
		System.arraycopy(payload, 0, frame, 4, payload.length);
		return frame;
	}

	/** The bytes of a keep-alive ping frame: {@code 00 00 00 00}. */
	public static byte[] ping() {
		return new byte[4];
	}

	/** Writes one data frame (does not flush). */
	public static void write(OutputStream out, WatchOutput output) throws IOException {
		out.write(encode(output));
	}

	/** Writes one ping frame (does not flush). */
	public static void writePing(OutputStream out) throws IOException {
		out.write(ping());
	}

	private static void writeLength(byte[] frame, int length) {
		frame[0] = (byte) length;
		frame[1] = (byte) (length >>> 8);
		frame[2] = (byte) (length >>> 16);
		frame[3] = (byte) (length >>> 24);
	}

}
