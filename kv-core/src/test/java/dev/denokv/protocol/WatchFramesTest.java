package dev.denokv.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.denokv.handler.RawEntry;
import dev.denokv.model.RawValue;
import dev.denokv.model.Versionstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchFramesTest {

	@Test
	void framesRoundTripWithPings() throws Exception {
		RawEntry e = new RawEntry(new byte[] { 2, 'k', 0 }, RawValue.v8(new byte[] { (byte) 0xff, 0x0f, 0x30 }),
				Versionstamp.ofVersion(7));
		var output = WatchMapping.toWatchOutput(Arrays.asList(e, null));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		WatchFrames.writePing(out);
		WatchFrames.write(out, output);
		WatchFrames.writePing(out);
		byte[] bytes = out.toByteArray();
		assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0, 0, 0, 0);
		assertThat(bytes[4] & 0xff).isEqualTo(output.getSerializedSize()); // little endian
		WatchFrameReader reader = new WatchFrameReader(new ByteArrayInputStream(bytes));
		assertThat(reader.next().isPing()).isTrue();
		WatchFrameReader.Frame data = reader.next();
		assertThat(data.isPing()).isFalse();
		assertThat(new WatchSnapshotDecoder(2).apply(data.output())).isEqualTo(Arrays.asList(e, null));
		assertThat(reader.next().isPing()).isTrue();
		assertThat(reader.next()).isNull();
	}

	@Test
	void truncatedAndOversizeFramesAreErrors() {
		byte[] frame = WatchFrames.encode(WatchMapping.toWatchOutput(List.of()));
		assertThatThrownBy(() -> new WatchFrameReader(new ByteArrayInputStream(new byte[] { 5, 0, 0, 0, 1 })).next())
			.isInstanceOf(EOFException.class);
		assertThatThrownBy(() -> new WatchFrameReader(new ByteArrayInputStream(new byte[] { 5, 0 })).next())
			.isInstanceOf(EOFException.class);
		assertThatThrownBy(() -> new WatchFrameReader(new ByteArrayInputStream(new byte[] { 1, 0, 0, 1 })).next())
			.isInstanceOf(KvConnectProtocolException.class).hasMessageContaining("exceeds");
		assertThatThrownBy(() -> new WatchFrameReader(new ByteArrayInputStream(new byte[] { 1, 0, 0, 0, (byte) 0xff }))
			.next()).isInstanceOf(KvConnectProtocolException.class);
		assertThat(frame).hasSize(6);
	}

}
