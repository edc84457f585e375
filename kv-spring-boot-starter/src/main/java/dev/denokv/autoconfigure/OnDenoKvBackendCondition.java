package dev.denokv.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code deno.kv.url} selects the backend named by {@link ConditionalOnDenoKvBackend}. */
class OnDenoKvBackendCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnDenoKvBackend.class.getName());
		boolean remote = (boolean) attributes.get("remote");
		DenoKvUrl url = DenoKvUrl.parse(context.getEnvironment().getProperty("deno.kv.url"));
		String message = "deno.kv.url " + url.redacted() + " selects " + (url.isRemote() ? "KV Connect" : "SQLite");
		return (url.isRemote() == remote) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
