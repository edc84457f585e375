package dev.denokv.server;

import java.nio.file.Path;

import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.denokv.server.testsupport.KvConnectHttp;
import dev.denokv.sqlite.SqliteDatabaseHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers may carry a default response character encoding, and filters (Spring's
 * {@code CharacterEncodingFilter} with {@code server.servlet.encoding.force=true}) may set one; either
 * would add {@code ;charset=...} to the metadata's content type; {@code @deno/kv} rejects that. The
 * servlet must answer plain {@code application/json} regardless.
 */
class ContainerDefaultsTest {

	@Test
	void metadataContentTypeHasNoCharsetEvenWithAContainerDefault(@TempDir Path dir) throws Exception {
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(dir.toString());
		Connector connector = new Connector();
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		tomcat.setConnector(connector);
		Context context = tomcat.addContext("", dir.toString());
		context.setResponseCharacterEncoding("UTF-8");
		context.setRequestCharacterEncoding("UTF-8");
		try (SqliteDatabaseHandler handler = SqliteDatabaseHandler.open(dir.resolve("kv.sqlite3"))) {
			Wrapper wrapper = Tomcat.addServlet(context, "kv",
					new KvConnectServlet(handler, KvConnectServerOptions.builder(KvConnectHttp.TOKEN).build()));
			wrapper.setAsyncSupported(true);
			context.addServletMappingDecoded("/kv/*", "kv");
			// Like Spring's CharacterEncodingFilter with server.servlet.encoding.force=true.
			FilterDef forceEncoding = new FilterDef();
			forceEncoding.setFilterName("forceEncoding");
			forceEncoding.setFilter((request, response, chain) -> {
				request.setCharacterEncoding("UTF-8");
				response.setCharacterEncoding("UTF-8");
				chain.doFilter(request, response);
			});
			context.addFilterDef(forceEncoding);
			FilterMap map = new FilterMap();
			map.setFilterName("forceEncoding");
			map.addURLPattern("/*");
			context.addFilterMap(map);
			tomcat.start();
			try {
				KvConnectHttp http = new KvConnectHttp(java.net.URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/kv"));
				var response = http.send(http.metadata());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.headers().allValues("content-type")).containsExactly("application/json");
				var read = http.send(http.dataPath("snapshot_read", new byte[0]));
				assertThat(read.headers().allValues("content-type")).containsExactly("application/x-protobuf");
				var watch = http.client().send(http.dataPath("watch", new byte[0]).build(),
						java.net.http.HttpResponse.BodyHandlers.ofInputStream());
				watch.body().close();
				assertThat(watch.headers().allValues("content-type")).containsExactly("application/octet-stream");
			}
			finally {
				tomcat.stop();
				tomcat.destroy();
			}
		}
	}

}
