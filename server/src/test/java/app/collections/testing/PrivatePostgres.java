package app.collections.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster of the machine's PostgreSQL 15 (initdb + pg_ctl in a temp folder,
 * on a free port), for tests that restart the server: the machine's shared cluster serves every
 * other test and developer, and must never be restarted under them. pgvector's files are
 * installed system-wide, so the cluster has it; its superuser is {@code collections}.
 */
public final class PrivatePostgres implements BeforeAllCallback, AfterAllCallback {
  private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));
  /** initdb and a start take ~2 s here; a slow, shared machine gets a margin. */
  private static final long COMMAND_TIMEOUT_SECONDS = 120;
  public static final String DATABASE = "collections";

  private Path dir;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("collections-pg-");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    if (runsAsRoot()) {
      // PostgreSQL refuses to run as root: the cluster is the postgres user's.
      run(List.of("chown", "postgres:", dir.toString()));
    }
    pg(List.of(BIN.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "collections",
        "--auth=trust", "-E", "UTF8", "--no-sync"));
    start();
    pg(List.of(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "collections",
        "-d", "postgres", "-qc", "CREATE DATABASE " + DATABASE));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (dir == null) {
      return;
    }
    try {
      pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** Restarts the server as an operator or a package upgrade would: every connection is dropped. */
  public void restart() throws IOException, InterruptedException {
    stop();
    start();
  }

  /** Stops the server as an operator would (fast shutdown): until {@link #start}, nothing listens. */
  public void stop() throws IOException, InterruptedException {
    pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
  }

  public void start() throws IOException, InterruptedException {
    pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-l", dir.resolve("server.log").toString(),
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c fsync=off", "start"));
  }

  private static void pg(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (runsAsRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
