package dev.denokv.protocol;

import java.util.HexFormat;
import java.util.List;

import com.deno.kv.datapath.AtomicWrite;
import com.deno.kv.datapath.AtomicWriteOutput;
import com.deno.kv.datapath.SnapshotRead;
import com.deno.kv.datapath.SnapshotReadOutput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.denokv.handler.Consistency;
import dev.denokv.handler.ReadRange;
import dev.denokv.testsupport.SharedVectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every data-path body recorded from real Deno and {@code @deno/kv} survives the mapping to the SPI
 * and back, and the responses we build are byte-identical to the recorded ones.
 */
class RecordedExchangesTest {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest
	@ValueSource(strings = { "deno-http.json", "node-http.json", "deno-https-DENO_CERT.json" })
	void requestsAndResponsesRoundTrip(String file) throws Exception {
		JsonNode scenario = SharedVectors.json("kvconnect/" + file);
		int dataPathRequests = 0;
		for (JsonNode request : scenario.get("requests")) {
			String path = request.get("path").asString();
			if (!path.endsWith("/snapshot_read") && !path.endsWith("/atomic_write")) {
				continue;
			}
			dataPathRequests++;
			byte[] body = HEX.parseHex(request.get("body").get("hex").asString());
			byte[] response = HEX.parseHex(request.get("response").get("body").get("hex").asString());
			if (path.endsWith("/snapshot_read")) {
				List<ReadRange> ranges = ReadMapping.fromSnapshotRead(SnapshotRead.parseFrom(body));
				assertThat(ReadMapping.fromSnapshotRead(ReadMapping.toSnapshotRead(ranges))).isEqualTo(ranges);
				SnapshotReadOutput out = SnapshotReadOutput.parseFrom(response);
				var outputs = ReadMapping.fromSnapshotReadOutput(out, 3, Consistency.STRONG);
				assertThat(ReadMapping.toSnapshotReadOutput(outputs).toByteArray()).as(path).isEqualTo(response);
			}
			else {
				dev.denokv.handler.AtomicWrite write = WriteMapping.fromProto(AtomicWrite.parseFrom(body));
				byte[] again = WriteMapping.toProto(write).toByteArray();
				assertThat(WriteMapping.fromProto(AtomicWrite.parseFrom(again))).usingRecursiveComparison()
					.isEqualTo(write);
				if (file.startsWith("deno")) {
					// We encode exactly as denokv_remote does, empty delete values included.
					assertThat(HEX.formatHex(again)).isEqualTo(HEX.formatHex(body));
				}
				var result = WriteMapping.fromProto(AtomicWriteOutput.parseFrom(response));
				assertThat(WriteMapping.toProto(result).toByteArray()).isEqualTo(response);
			}
		}
		assertThat(dataPathRequests).isGreaterThanOrEqualTo(9);
	}

	@ParameterizedTest
	@ValueSource(strings = { "deno-http.json", "node-http.json" })
	void recordedMetadataResponsesParseAndReprint(String file) {
		JsonNode first = SharedVectors.json("kvconnect/" + file).get("requests").get(0);
		String json = first.get("response").get("body").get("text").asString();
		DatabaseMetadata metadata = MetadataJson.read(json);
		assertThat(metadata.version()).isEqualTo(3);
		assertThat(metadata.firstEndpoint(Consistency.STRONG).url()).isEqualTo("/data");
		assertThat(MetadataJson.write(metadata)).isEqualTo(json);
		assertThat(MetadataJson.readRequest(first.get("body").get("text").asString().getBytes()))
			.isEqualTo(MetadataExchangeRequest.DENO_DEFAULT);
	}

}
