package dev.denokv.autoconfigure;

import dev.denokv.core.KvTemplateBuilder;

/**
 * Callback that adjusts the auto-configured {@code KvTemplate} before it is built, for example
 * its limits or clock. Declare it as a bean; customizers run in {@code @Order}. The starter's own
 * observation wiring is one.
 */
@FunctionalInterface
public interface KvTemplateBuilderCustomizer {

	void customize(KvTemplateBuilder builder);

}
