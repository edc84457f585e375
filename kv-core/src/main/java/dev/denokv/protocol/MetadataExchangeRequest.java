package dev.denokv.protocol;

import java.util.List;

/**
 * The body of a metadata exchange request: {@code {"supportedVersions":[1,2,3]}}. Deno and
 * {@code @deno/kv} always offer 1, 2 and 3.
 */
public record MetadataExchangeRequest(List<Integer> supportedVersions) {

	/** What Deno sends. */
	public static final MetadataExchangeRequest DENO_DEFAULT = new MetadataExchangeRequest(List.of(1, 2, 3));

	public MetadataExchangeRequest {
		supportedVersions = (supportedVersions != null) ? List.copyOf(supportedVersions) : List.of();
	}

}
