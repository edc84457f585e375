package dev.denokv.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code deno.kv.url} selects the KV Connect backend ({@code remote = true}: an
 * http(s) URL) or the SQLite backend ({@code remote = false}: a file path or {@code :memory:}).
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnDenoKvBackendCondition.class)
@interface ConditionalOnDenoKvBackend {

	/** Whether the URL must be a KV Connect URL. */
	boolean remote();

}
