package dev.denokv.autoconfigure;

/**
 * {@code deno.kv.url} is a KV Connect URL, but the KV Connect client (artifact
 * {@code dev.denokv:kv-remote}) is not on the classpath.
 */
public class DenoKvBackendMissingException extends IllegalStateException {

	private final DenoKvUrl url;

	public DenoKvBackendMissingException(DenoKvUrl url) {
		super("deno.kv.url " + url.redacted() + " is a KV Connect URL, but the KV Connect client "
				+ "(dev.denokv:kv-remote, class " + DenoKvRemoteClientMissingConfiguration.REMOTE_HANDLER + ") is not on the classpath");
		this.url = url;
	}

	/** The configured URL (print it with {@link DenoKvUrl#redacted()}). */
	public DenoKvUrl getUrl() {
		return this.url;
	}

}
