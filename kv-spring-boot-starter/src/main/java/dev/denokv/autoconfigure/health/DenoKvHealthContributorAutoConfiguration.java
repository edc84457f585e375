package dev.denokv.autoconfigure.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.denokv.autoconfigure.DenoKvAutoConfiguration;
import dev.denokv.autoconfigure.DenoKvProperties;
import dev.denokv.handler.DatabaseHandler;

/**
 * The {@code denokv} health indicator, with Actuator's health support on the classpath. Turn it off
 * with {@code management.health.denokv.enabled=false}. It is not part of the liveness or readiness
 * groups unless the application adds it.
 */
@AutoConfiguration(after = DenoKvAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnSingleCandidate(DatabaseHandler.class)
@ConditionalOnEnabledHealthIndicator("denokv")
public final class DenoKvHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "denokvHealthIndicator")
	DenoKvHealthIndicator denokvHealthIndicator(DatabaseHandler handler, DenoKvProperties properties) {
		return new DenoKvHealthIndicator(handler, HealthDetailsSelector.forHandler(handler),
				properties.health().timeout());
	}

}
