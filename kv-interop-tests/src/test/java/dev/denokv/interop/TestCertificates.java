package dev.denokv.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and a server certificate for {@code 127.0.0.1}, made with the JDK's keytool: a
 * PKCS12 keystore for the server, and the CA as PEM for the clients ({@code DENO_CERT},
 * {@code NODE_EXTRA_CA_CERTS}).
 */
record TestCertificates(Path keystore, Path caPem) {

	static final String PASSWORD = "changeit";

	static TestCertificates create(Path dir) throws Exception {
		Path ca = dir.resolve("ca.p12");
		Path keystore = dir.resolve("server.p12");
		Path caPem = dir.resolve("ca.pem");
		Path csr = dir.resolve("server.csr");
		Path serverPem = dir.resolve("server.pem");
		keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=kv test CA",
				"-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storepass", PASSWORD);
		keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-file",
				caPem.toString());
		keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
				"-validity", "2", "-keystore", keystore.toString(), "-storepass", PASSWORD);
		keytool("-certreq", "-alias", "server", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file",
				csr.toString());
		keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-infile", csr.toString(),
				"-outfile", serverPem.toString(), "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1",
				"-ext", "eku=serverAuth");
		keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", keystore.toString(),
				"-storepass", PASSWORD);
		keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", keystore.toString(),
				"-storepass", PASSWORD);
		return new TestCertificates(keystore, caPem);
	}

	private static void keytool(String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new AssertionError("keytool failed: " + cmd + "\n" + output);
		}
	}

}
