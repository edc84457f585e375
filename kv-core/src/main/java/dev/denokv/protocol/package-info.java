/**
 * The KV Connect protocol mapping, shared by the server ({@code kv-server}) and the remote client
 * ({@code kv-remote}), and neutral about which side uses it.
 * <ul>
 * <li>{@link dev.denokv.protocol.ReadMapping}, {@link dev.denokv.protocol.WriteMapping} and
 * {@link dev.denokv.protocol.WatchMapping} convert between the generated protobuf classes
 * ({@code com.deno.kv.datapath.*}) and the SPI records of {@code dev.denokv.handler}.</li>
 * <li>{@link dev.denokv.protocol.WatchFrames} and {@link dev.denokv.protocol.WatchFrameReader} write and
 * read the length-prefixed frames of a v3 {@code watch} stream.</li>
 * <li>{@link dev.denokv.protocol.DatabaseMetadata}, {@link dev.denokv.protocol.MetadataExchangeRequest}
 * and {@link dev.denokv.protocol.MetadataJson} model the JSON metadata exchange.</li>
 * </ul>
 * Conversions check the structure of a message (lengths of versionstamps, known enum values,
 * required fields) and throw {@link dev.denokv.protocol.KvConnectProtocolException} with the
 * {@code denokv} server's message where it has one. They do not apply size or count limits: the
 * server validates those separately, and a client trusts its server on them.
 * All classes are stateless and thread-safe unless documented otherwise.
 */
package dev.denokv.protocol;
