package dev.denokv.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import com.deno.kv.datapath.WatchOutput;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Reads the frames of a v3 {@code watch} response body (see {@link WatchFrames}). Pings are
 * reported, not skipped, so that a client can use them to detect a dead connection. Not
 * thread-safe; does not close the stream.
 */
public final class WatchFrameReader {

	/** One frame: a ping, or a decoded {@link WatchOutput}. */
	public record Frame(WatchOutput output) {

		/** The keep-alive frame. */
		public static final Frame PING = new Frame(null);

		/** Whether this is a keep-alive ping (no output). */
		public boolean isPing() {
			return this.output == null;
		}

	}

	private final InputStream in;

	private final int maxFrameLength;

	/** A reader accepting frames up to {@link WatchFrames#MAX_FRAME_LENGTH}. */
	public WatchFrameReader(InputStream in) {
		this(in, WatchFrames.MAX_FRAME_LENGTH);
	}

	public WatchFrameReader(InputStream in, int maxFrameLength) {
		this.in = in;
		this.maxFrameLength = maxFrameLength;
	}

	/**
	 * The next frame, blocking until it has arrived completely.
	 * @return the frame, or {@code null} when the stream ended cleanly between frames
	 * @throws EOFException when the stream ends inside a frame
	 * @throws KvConnectProtocolException when a frame is longer than the maximum or not a valid
	 * {@code WatchOutput}
	 * @throws IOException when reading fails
	 */
	public Frame next() throws IOException {
		int b0 = this.in.read();
		if (b0 < 0) {
			return null;
		}
		byte[] rest = this.in.readNBytes(3);
		if (rest.length < 3) {
			throw new EOFException("Watch stream ended inside a frame header");
		}
		long length = (b0 & 0xffL) | ((rest[0] & 0xffL) << 8) | ((rest[1] & 0xffL) << 16) | ((rest[2] & 0xffL) << 24);
		if (length == 0) {
			return Frame.PING;
		}
		if (length > this.maxFrameLength) {
			throw new KvConnectProtocolException("Watch frame of " + length + " bytes exceeds the maximum of "
					+ this.maxFrameLength + " bytes");
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("Watch stream ended inside a frame");
		}
		try {
			return new Frame(WatchOutput.parseFrom(payload));
		}
		catch (InvalidProtocolBufferException ex) {
			throw new KvConnectProtocolException("KV Connect failed to decode response", ex);
		}
	}

}
