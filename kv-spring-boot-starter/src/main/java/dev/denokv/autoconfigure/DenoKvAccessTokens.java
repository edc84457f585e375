package dev.denokv.autoconfigure;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** Resolves access tokens: the configured property, else Deno's environment variable. */
public final class DenoKvAccessTokens {

	private DenoKvAccessTokens() {
	}

	/**
	 * @return {@code configured} when set, else the environment's {@value DenoKvProperties#ACCESS_TOKEN_ENV},
	 * else {@code null}
	 */
	public static String resolve(String configured, Environment environment) {
		if (StringUtils.hasText(configured)) {
			return configured;
		}
		String fromEnvironment = environment.getProperty(DenoKvProperties.ACCESS_TOKEN_ENV);
		return StringUtils.hasText(fromEnvironment) ? fromEnvironment : null;
	}

}
