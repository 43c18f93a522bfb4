package app.collections.testing;

import app.collections.server.CollectionsApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service as {@code ./dev run} starts it — {@code server config/local.yml}, local S3, dynalite,
 * the offline analyser, two workers — in a child JVM of its own, so a test can SIGKILL it and start
 * it again on the same data folder, database and ports, as a crash and a restart would.
 */
public final class ServiceProcess implements AutoCloseable {
  /** Startup migrates, loads the embedding model and starts dynalite: ~10 s on a busy 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** What stays the same across restarts: the data folder, the database and the ports. */
  public record Setup(Path dataDir, String jdbcUrl, int port, int adminPort, int s3Port, int dynamoDbPort) {
    public static Setup fresh(Path dataDir, String jdbcUrl) {
      return new Setup(dataDir, jdbcUrl, freePort(), freePort(), freePort(), freePort());
    }
  }

  private final Setup setup;
  private final Process process;
  private final Path log;

  private ServiceProcess(Setup setup, Process process, Path log) {
    this.setup = setup;
    this.process = process;
    this.log = log;
  }

  /** Starts the service and waits until its health check answers. */
  public static ServiceProcess start(Setup setup) throws IOException, InterruptedException {
    return start(setup, Map.of());
  }

  /**
   * With configuration overrides, as Dropwizard reads them from {@code -Ddw.path=value} system
   * properties (e.g. {@code vision.anthropic.baseUrl} for a fake provider).
   */
  public static ServiceProcess start(Setup setup, Map<String, String> overrides) throws IOException, InterruptedException {
    Files.createDirectories(setup.dataDir());
    Path log = Files.createTempFile(setup.dataDir().getParent(), "service-", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx768m"));
    overrides.forEach((key, value) -> command.add("-Ddw." + key + "=" + value));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CollectionsApplication.class.getName(),
        "server", Path.of("../config/local.yml").toAbsolutePath().normalize().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.endsWith("_API_KEY"));
    env.put("DATA_DIR", setup.dataDir().toString());
    env.put("JDBC_DATABASE_URL", setup.jdbcUrl());
    env.put("PORT", Integer.toString(setup.port()));
    env.put("ADMIN_PORT", Integer.toString(setup.adminPort()));
    env.put("S3_PORT", Integer.toString(setup.s3Port()));
    env.put("DYNAMODB_PORT", Integer.toString(setup.dynamoDbPort()));
    env.put("DYNALITE_DIR", LocalDynamoDbExtension.dynaliteDir().toAbsolutePath().toString());
    ServiceProcess service = new ServiceProcess(setup, builder.start(), log);
    service.awaitHealthy();
    return service;
  }

  public Setup setup() {
    return setup;
  }

  public ApiClient api() {
    return new ApiClient(setup.port());
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no lifecycle stop, as the OOM killer or a power cut would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** What the service logged, for a failing assertion's message. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI health = URI.create("http://127.0.0.1:" + setup.adminPort() + "/healthcheck");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
      }
      try {
        if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the service was not healthy within " + START_TIMEOUT + ":\n" + log());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
