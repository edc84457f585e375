package dev.denokv.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.denokv.core.KvOperations;
import dev.denokv.core.KvTemplate;
import dev.denokv.error.KvClosedException;
import dev.denokv.error.KvReadOnlyException;
import dev.denokv.handler.DatabaseHandler;
import dev.denokv.key.KvKey;
import dev.denokv.sqlite.SqliteDatabaseHandler;
import dev.denokv.sqlite.SqliteOptions;
import dev.denokv.sqlite.Synchronous;
import dev.denokv.value.JacksonKvValueCodec;
import dev.denokv.value.KvValueCodec;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backend choice and backing off, on real SQLite files. */
class DenoKvAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void aFilePathOpensThatSqliteFile() {
		Path file = this.dir.resolve("app.sqlite3");
		this.runner.withPropertyValues("deno.kv.url=" + file).run((context) -> {
			assertThat(context).hasSingleBean(SqliteDatabaseHandler.class).hasSingleBean(KvTemplate.class);
			KvOperations kv = context.getBean(KvOperations.class);
			kv.set(KvKey.of("greeting"), "hello");
			assertThat(kv.get(KvKey.of("greeting"), String.class).value()).isEqualTo("hello");
			assertThat(context.getBean(SqliteDatabaseHandler.class).options().isInMemory()).isFalse();
		});
		assertThat(file).exists();
		// The data is in the file: a second context on it reads it back.
		this.runner.withPropertyValues("deno.kv.url=" + file)
			.run((context) -> assertThat(context.getBean(KvOperations.class).get(KvKey.of("greeting"), String.class).value())
				.isEqualTo("hello"));
	}

	@Test
	void memoryOpensAPrivateInMemoryDatabase() throws Exception {
		this.runner.withPropertyValues("deno.kv.url=:memory:").run((context) -> {
			SqliteDatabaseHandler handler = context.getBean(SqliteDatabaseHandler.class);
			assertThat(handler.options().isInMemory()).isTrue();
			context.getBean(KvOperations.class).set(KvKey.of("k"), "v");
			assertThat(context.getBean(KvOperations.class).get(KvKey.of("k"), String.class).value()).isEqualTo("v");
		});
		try (var files = Files.list(this.dir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void sqliteTuningIsApplied() {
		this.runner
			.withPropertyValues("deno.kv.url=" + this.dir.resolve("tuned.sqlite3"), "deno.kv.sqlite.synchronous=normal",
					"deno.kv.sqlite.busy-timeout=750ms", "deno.kv.sqlite.readers=3",
					"deno.kv.sqlite.expiry-sweep-interval=2s", "deno.kv.sqlite.mmap-size=0")
			.run((context) -> {
				var options = context.getBean(SqliteDatabaseHandler.class).options();
				assertThat(options.synchronous()).isEqualTo(Synchronous.NORMAL);
				assertThat(options.busyTimeout()).hasMillis(750);
				assertThat(options.readerPoolSize()).isEqualTo(3);
				assertThat(options.expirySweepInterval()).hasSeconds(2);
				assertThat(options.mmapSize()).isZero();
			});
	}

	@Test
	void aReadOnlyDatabaseServesReadsAndRefusesWritesWithDenosMessage() {
		Path file = this.dir.resolve("shipped.sqlite3");
		try (SqliteDatabaseHandler h = SqliteDatabaseHandler.open(file)) {
			new KvTemplate(h, KvValueCodec.standard()).set(KvKey.of("greeting"), "hello");
		}
		this.runner.withPropertyValues("deno.kv.url=" + file, "deno.kv.sqlite.read-only=true").run((context) -> {
			assertThat(context.getBean(SqliteDatabaseHandler.class).isReadOnly()).isTrue();
			KvOperations kv = context.getBean(KvOperations.class);
			assertThat(kv.get(KvKey.of("greeting"), String.class).value()).isEqualTo("hello");
			assertThatThrownBy(() -> kv.set(KvKey.of("greeting"), "bye")).isInstanceOf(KvReadOnlyException.class)
				.hasMessage("Can not write to a read-only database.");
		});
	}

	@Test
	void defaultsAreDenosFileAndDurability() {
		this.runner.withBean(DatabaseHandler.class, SqliteDatabaseHandler::openInMemory).run((context) -> {
			DenoKvProperties properties = context.getBean(DenoKvProperties.class);
			var options = DenoKvSqliteConfiguration.sqliteOptions(properties);
			assertThat(options.path()).isEqualTo("kv.sqlite3");
			assertThat(options.synchronous()).isEqualTo(Synchronous.FULL);
			assertThat(options.mmapSize()).isEqualTo(SqliteOptions.DEFAULT_MMAP_SIZE);
			assertThat(options.readOnly()).isFalse();
			assertThat(properties.listener().concurrency()).isEqualTo(10);
			assertThat(properties.server().enabled()).isFalse();
		});
	}

	@Test
	void anHttpUrlWithoutTheRemoteModuleFailsAtStartupWithAClearMessage() {
		this.runner.withClassLoader(new FilteredClassLoader("dev.denokv.remote"))
			.withPropertyValues("deno.kv.url=https://user:secret@kv.example.com/db?token=t")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(DenoKvBackendMissingException.class)
					.hasMessageContaining("https://kv.example.com/db")
					.hasMessageContaining("dev.denokv:kv-remote")
					.hasMessageNotContaining("secret")
					.hasMessageNotContaining("token=t");
			});
	}

	@Test
	void failureAnalyzerSaysHowToFixAMissingRemoteModule() {
		var analysis = new DenoKvBackendMissingFailureAnalyzer()
			.analyze(new DenoKvBackendMissingException(DenoKvUrl.parse("http://127.0.0.1:4512")));
		assertThat(analysis.getDescription()).contains("http://127.0.0.1:4512");
		assertThat(analysis.getAction()).contains("dev.denokv:kv-remote").contains(":memory:");
	}

	@Test
	void userHandlerWins() {
		this.runner.withPropertyValues("deno.kv.url=" + this.dir.resolve("unused.sqlite3"))
			.withUserConfiguration(UserHandler.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(DatabaseHandler.class);
				assertThat(context.getBean(DatabaseHandler.class)).isSameAs(context.getBean("userHandler"));
				assertThat(context.getBean(KvTemplate.class)).isNotNull();
			});
		assertThat(this.dir.resolve("unused.sqlite3")).doesNotExist();
	}

	@Test
	void userTemplateAndCodecWin() {
		this.runner.withPropertyValues("deno.kv.url=:memory:").withUserConfiguration(UserTemplate.class).run((context) -> {
			assertThat(context).hasSingleBean(KvOperations.class).doesNotHaveBean("kvTemplate");
			assertThat(context.getBean(KvOperations.class)).isSameAs(context.getBean("userTemplate"));
		});
		KvValueCodec own = new JacksonKvValueCodec();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DenoKvAutoConfiguration.class))
			.withPropertyValues("deno.kv.url=:memory:")
			.withBean("ownCodec", KvValueCodec.class, () -> own)
			.run((context) -> assertThat(context.getBean(KvValueCodec.class)).isSameAs(own));
	}

	@Test
	void valuesGoThroughTheApplicationsJsonMapper() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DenoKvAutoConfiguration.class))
			.withPropertyValues("deno.kv.url=:memory:", "spring.jackson.property-naming-strategy=SNAKE_CASE")
			.run((context) -> {
				KvOperations kv = context.getBean(KvOperations.class);
				KvKey key = KvKey.of("people", "ada");
				kv.set(key, new Person("Ada Lovelace", 36));
				// Stored as a JS object with the application's naming: what a Deno script would read.
				assertThat(kv.get(key, Object.class).value()).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("first_name", "Ada Lovelace");
				assertThat(kv.get(key, Person.class).value()).isEqualTo(new Person("Ada Lovelace", 36));
				// The starter uses the application's mapper and exports no mapper of its own.
				assertThat(context.getBeansOfType(JsonMapper.class)).hasSize(1);
			});
	}

	@Test
	void withoutJacksonAutoConfigurationJacksonsDefaultsApply() {
		this.runner.withPropertyValues("deno.kv.url=:memory:").run((context) -> {
			KvOperations kv = context.getBean(KvOperations.class);
			kv.set(KvKey.of("p"), new Person("Grace", 85));
			assertThat(kv.get(KvKey.of("p"), Object.class).value()).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("firstName", "Grace");
			assertThat(context).doesNotHaveBean(JsonMapper.class);
		});
	}

	@Test
	void customizersAdjustTheTemplateInOrder() {
		List<String> calls = new ArrayList<>();
		this.runner.withPropertyValues("deno.kv.url=:memory:")
			.withBean("first", KvTemplateBuilderCustomizer.class, () -> (builder) -> calls.add("customized"))
			.run((context) -> {
				assertThat(context).hasSingleBean(KvTemplate.class);
				assertThat(calls).containsExactly("customized");
			});
	}

	@Test
	void closingTheContextClosesTheDatabase() {
		SqliteDatabaseHandler[] handler = new SqliteDatabaseHandler[1];
		this.runner.withPropertyValues("deno.kv.url=" + this.dir.resolve("closed.sqlite3"))
			.run((context) -> handler[0] = context.getBean(SqliteDatabaseHandler.class));
		assertThatExceptionOfType(KvClosedException.class).isThrownBy(
				() -> new KvTemplate(handler[0], new JacksonKvValueCodec()).get(KvKey.of("k"), String.class));
	}

	record Person(String firstName, int age) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandler {

		@Bean
		SqliteDatabaseHandler userHandler() {
			return SqliteDatabaseHandler.openInMemory();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplate {

		@Bean
		KvTemplate userTemplate(KvValueCodec codec) {
			return new KvTemplate(SqliteDatabaseHandler.openInMemory(), codec);
		}

	}

}
