package dev.denokv.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link WriteLockFairnessTest} in a second JVM: {@code n} commits with plain JDBC the way
 * Deno's backend makes them (a deferred transaction that reads {@code data_version} before it
 * writes, re-run after a random 5–19 ms sleep when busy), with a limit of Deno's patience: a write
 * that finds no opening within 5 s fails the process (exit 3). Prints "ready" once connected and
 * "done" at the end.
 */
public final class ImpatientProcessWriter {

	private ImpatientProcessWriter() {
	}

	public static void main(String[] args) throws SQLException {
		int n = Integer.parseInt(args[1]);
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0])) {
			try (Statement st = c.createStatement()) {
				st.execute("pragma busy_timeout = 5000");
			}
			System.out.println("ready");
			System.out.flush();
			try (PreparedStatement begin = c.prepareStatement("begin");
					PreparedStatement read = c.prepareStatement("select version from data_version where k = 0");
					PreparedStatement insert = c.prepareStatement(
							"insert into kv (k, v, v_encoding, version) values (?, x'ff0f4954', 1, ?)");
					PreparedStatement bump = c.prepareStatement("update data_version set version = ? where k = 0");
					PreparedStatement commit = c.prepareStatement("commit")) {
				for (int i = 0; i < n; i++) {
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
					while (true) {
						try {
							begin.execute();
							long version;
							try (var rs = read.executeQuery()) {
								rs.next();
								version = rs.getLong(1) + 1;
							}
							insert.setBytes(1, TestData.key("impatient", i));
							insert.setLong(2, version);
							insert.executeUpdate();
							bump.setLong(1, version);
							bump.executeUpdate();
							commit.execute();
							break;
						}
						catch (SQLException ex) {
							try (Statement st = c.createStatement()) {
								st.execute("rollback");
							}
							catch (SQLException none) {
								// nothing was open
							}
							if (!SqliteErrors.isBusy(ex) || System.nanoTime() > deadline) {
								throw ex;
							}
							sleepQuietly(ThreadLocalRandom.current().nextInt(5, 20));
						}
					}
				}
			}
			catch (SQLException ex) {
				System.err.println("starved: " + ex.getMessage());
				System.exit(3);
			}
		}
		System.out.println("done");
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
