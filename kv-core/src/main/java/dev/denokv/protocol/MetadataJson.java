package dev.denokv.protocol;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.denokv.handler.Consistency;

/**
 * JSON of the metadata exchange, with Jackson 3 (a private mapper; the application's is never
 * touched).
 * <ul>
 * <li>Writing produces exactly the shape the strictest client ({@code @deno/kv}) accepts: the five
 * fields in order and nothing else, a lowercase UUID, and {@code expiresAt} in UTC with a literal
 * {@code Z} and milliseconds. Serve it with {@link #CONTENT_TYPE} (no {@code charset} parameter).</li>
 * <li>Reading is as tolerant as {@code denokv_remote}: unknown fields are ignored, any RFC 3339
 * offset is accepted, and the errors carry its messages.</li>
 * </ul>
 */
public final class MetadataJson {

	/** The exact {@code Content-Type} of a metadata response. */
	public static final String CONTENT_TYPE = "application/json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final DateTimeFormatter EXPIRES_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'",
			Locale.ROOT).withZone(ZoneOffset.UTC);

	private MetadataJson() {
	}

	/** The response body for this metadata. */
	public static String write(DatabaseMetadata metadata) {
		ObjectNode root = MAPPER.createObjectNode();
		root.put("version", metadata.version());
		root.put("databaseId", metadata.databaseId().toString());
		ArrayNode endpoints = root.putArray("endpoints");
		for (DatabaseMetadata.Endpoint e : metadata.endpoints()) {
			endpoints.addObject().put("url", e.url()).put("consistency", e.consistency().name().toLowerCase(Locale.ROOT));
		}
		root.put("token", metadata.token());
		root.put("expiresAt", formatExpiresAt(metadata.expiresAt()));
		return MAPPER.writeValueAsString(root);
	}

	/** {@code 2026-11-22T03:49:11.360Z}. */
	public static String formatExpiresAt(Instant instant) {
		return EXPIRES_AT.format(instant);
	}

	/**
	 * Parses a metadata response as {@code denokv_remote} does: {@code version} first (1 to 3),
	 * then the rest; endpoint URLs must not end with {@code /} and consistencies must be
	 * {@code strong} or {@code eventual}.
	 * @throws KvConnectProtocolException with {@code denokv_remote}'s message
	 * ({@code "unsupported metadata version: N"}, {@code "endpoint URL must not end with '/': URL"},
	 * {@code "unsupported consistency level: X"}) or a parse error
	 */
	public static DatabaseMetadata read(String json) {
		JsonNode root = parse(json, "Failed to parse metadata: ");
		if (!root.isObject()) {
			throw new KvConnectProtocolException("Failed to parse metadata: not a JSON object");
		}
		JsonNode versionNode = root.get("version");
		if (versionNode == null || !versionNode.isIntegralNumber()) {
			throw new KvConnectProtocolException("Failed to parse metadata: missing field `version`");
		}
		int version = versionNode.asInt();
		if (version < 1 || version > 3) {
			throw new KvConnectProtocolException("unsupported metadata version: " + versionNode.asString());
		}
		UUID databaseId;
		try {
			databaseId = UUID.fromString(text(root, "databaseId"));
		}
		catch (IllegalArgumentException ex) {
			throw new KvConnectProtocolException("Failed to parse metadata: invalid databaseId", ex);
		}
		JsonNode endpointsNode = root.get("endpoints");
		if (endpointsNode == null || !endpointsNode.isArray()) {
			throw new KvConnectProtocolException("Failed to parse metadata: missing field `endpoints`");
		}
		List<DatabaseMetadata.Endpoint> endpoints = new ArrayList<>();
		for (JsonNode e : endpointsNode) {
			String url = text(e, "url");
			if (url.endsWith("/")) {
				throw new KvConnectProtocolException("endpoint URL must not end with '/': " + url);
			}
			String consistency = text(e, "consistency");
			Consistency c = switch (consistency) {
				case "strong" -> Consistency.STRONG;
				case "eventual" -> Consistency.EVENTUAL;
				default -> throw new KvConnectProtocolException("unsupported consistency level: " + consistency);
			};
			endpoints.add(new DatabaseMetadata.Endpoint(url, c));
		}
		Instant expiresAt;
		try {
			expiresAt = OffsetDateTime.parse(text(root, "expiresAt"), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new KvConnectProtocolException("Failed to parse metadata: invalid expiresAt", ex);
		}
		return new DatabaseMetadata(version, databaseId, endpoints, text(root, "token"), expiresAt);
	}

	/** The request body for these versions. */
	public static String writeRequest(MetadataExchangeRequest request) {
		ObjectNode root = MAPPER.createObjectNode();
		ArrayNode versions = root.putArray("supportedVersions");
		request.supportedVersions().forEach(versions::add);
		return MAPPER.writeValueAsString(root);
	}

	/**
	 * Parses a request body. A missing {@code supportedVersions} means none (as in denokv); unknown
	 * fields are ignored.
	 * @throws KvConnectProtocolException when the body is not a JSON object or
	 * {@code supportedVersions} is not an array of integers
	 */
	public static MetadataExchangeRequest readRequest(byte[] json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new KvConnectProtocolException("Invalid metadata exchange request: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new KvConnectProtocolException("Invalid metadata exchange request: not a JSON object");
		}
		JsonNode versions = root.get("supportedVersions");
		if (versions == null || versions.isNull()) {
			return new MetadataExchangeRequest(List.of());
		}
		if (!versions.isArray()) {
			throw new KvConnectProtocolException("Invalid metadata exchange request: supportedVersions is not an array");
		}
		List<Integer> list = new ArrayList<>();
		for (JsonNode v : versions) {
			if (!v.isIntegralNumber() || !v.canConvertToInt()) {
				throw new KvConnectProtocolException("Invalid metadata exchange request: a version is not an integer");
			}
			list.add(v.asInt());
		}
		return new MetadataExchangeRequest(list);
	}

	private static JsonNode parse(String json, String prefix) {
		try {
			JsonNode node = MAPPER.readTree(json);
			if (node == null) {
				throw new KvConnectProtocolException(prefix + "empty body");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new KvConnectProtocolException(prefix + ex.getOriginalMessage(), ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString()) {
			throw new KvConnectProtocolException("Failed to parse metadata: missing field `" + field + "`");
		}
		return value.asString();
	}

}
