package app.collections.local;

import app.collections.chat.DynamoDbClients;

import io.dropwizard.lifecycle.Managed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Local mode's DynamoDB: dynalite (Apache-2.0, the DynamoDB API in Node on LevelDB) as a child
 * process on loopback, persisting under the data folder so conversations survive restarts.
 * Amazon's DynamoDB Local is not used: it is under the vendor's own licence.
 *
 * <p>dynalite implements neither TTL nor transactions, which {@link CheckpointDao} is designed
 * around. The process is stopped with the host, by a shutdown hook if the JVM exits without
 * stopping it, and by its own watchdog if the JVM dies without running hooks (SIGKILL, the OOM
 * killer): it exits when its stdin, a pipe only this JVM holds, closes, or its parent changes.
 * A start on a fixed port that finds a dynalite of the same data folder there (left by a JVM that
 * died before the watchdog existed) replaces it; any other process there is refused by name.
 */
public final class LocalDynamoDb implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);
  private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** A free port found by the JVM can be taken before node binds it; another port is then tried. */
  private static final int ATTEMPTS_ON_FREE_PORTS = 3;
  /** How long a stale dynalite gets to exit on SIGTERM (node's default: at once) before SIGKILL. */
  private static final long STALE_STOP_GRACE_MILLIS = 3_000;
  /**
   * Run by node before dynalite's own cli.js (which reads process.argv from index 2, as with
   * {@code node cli.js}): exits when stdin ends (the JVM holding its other end died, however it
   * died) or when the parent pid changes (reparented to init), checked every second.
   */
  static final String WATCHDOG = String.join("\n",
      "const parent = process.ppid;",
      "process.stdin.on('end', () => process.exit(0));",
      "process.stdin.on('error', () => process.exit(0));",
      "process.stdin.resume();",
      "setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();",
      "require(process.argv[1]);");

  private final Path dynaliteDir;
  private final Path dataDir;
  private final int configuredPort;
  private final Thread shutdownHook = new Thread(this::destroy, "local-dynamodb-shutdown");
  private Process process;
  /** Counted down when our process says it listens, so an older server on the port cannot pass for it. */
  private CountDownLatch listening;
  private int port;

  /**
   * @param dynaliteDir where scripts/setup-dynamodb.sh installed dynalite
   * @param dataDir where its LevelDB files live
   * @param port 0 for a free one
   */
  public LocalDynamoDb(Path dynaliteDir, Path dataDir, int port) {
    this.dynaliteDir = dynaliteDir;
    this.dataDir = dataDir;
    this.configuredPort = port;
  }

  @Override
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null) {
      return;
    }
    Path cli = dynaliteDir.resolve("node_modules/dynalite/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException("dynalite is not installed under " + dynaliteDir.toAbsolutePath()
          + ": run scripts/setup-dynamodb.sh (./dev run and ./dev test do)");
    }
    Files.createDirectories(dataDir);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    int attempts = configuredPort == 0 ? ATTEMPTS_ON_FREE_PORTS : 1;
    if (configuredPort != 0) {
      clearPort(configuredPort);
    }
    for (int attempt = 1; ; attempt++) {
      port = configuredPort == 0 ? freePort() : configuredPort;
      process = launch(cli);
      if (awaitReady()) {
        LOG.info("Local DynamoDB (dynalite) at {}, storing under {}", endpoint(), dataDir);
        return;
      }
      destroy();
      if (attempt == attempts) {
        stop();
        throw new IllegalStateException("dynalite did not answer on " + endpoint() + " within 10 s (is port "
            + port + " free? is node installed? scripts/setup-dynamodb.sh sets both up)");
      }
    }
  }

  @Override
  public synchronized void stop() {
    destroy();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // The JVM is already shutting down (the hook is running), or the hook was never added.
    }
  }

  /** With port 0, known after {@link #start()}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The pid of the running dynalite, for tests and logs; -1 when stopped. */
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  /**
   * Frees our port of a dynalite serving this data folder (a stale one: its JVM died), or refuses
   * to start when someone else holds it, naming the port and the process.
   */
  private void clearPort(int wanted) throws InterruptedException {
    Optional<PortOwner.Listener> owner = PortOwner.of(wanted);
    if (owner.isEmpty()) {
      return;
    }
    PortOwner.Listener listener = owner.get();
    if (!isDynaliteOf(listener.commandLine(), dataDir)) {
      throw new PortTakenException(wanted, "chat.dynamodb.local.port, DYNAMODB_PORT", listener.describe());
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(listener.pid()).flatMap(ProcessHandle::parent);
    if (parent.isPresent() && parent.get().info().command().orElse("").endsWith("java")) {
      // Still its service's: another instance running on the same data folder.
      throw new IllegalStateException("port " + wanted + " (DYNAMODB_PORT) is taken by the dynalite of a service"
          + " still running on the same data folder (pid " + parent.get().pid() + "): stop it first (./dev stop)");
    }
    LOG.warn("Replacing a stale dynalite of {} on port {}: {} outlived the service that started it",
        dataDir.toAbsolutePath(), wanted, listener.describe());
    PortOwner.stop(listener.pid(), STALE_STOP_GRACE_MILLIS);
  }

  /** Whether a command line is dynalite's, storing under this data folder. */
  static boolean isDynaliteOf(List<String> commandLine, Path dataDir) {
    int path = commandLine.indexOf("--path");
    return commandLine.stream().anyMatch(a -> a.contains("dynalite")) && path >= 0 && path + 1 < commandLine.size()
        && Path.of(commandLine.get(path + 1)).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
  }

  private Process launch(Path cli) throws IOException {
    // Tables become ACTIVE at once, so startup and tests need not wait out dynalite's default 500 ms.
    List<String> command = List.of("node", "-e", WATCHDOG, cli.toAbsolutePath().toString(),
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--path", dataDir.toAbsolutePath().toString(),
        "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
    CountDownLatch bound = new CountDownLatch(1);
    listening = bound;
    Process started;
    try {
      started = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException("cannot run node for dynalite: run scripts/setup-dynamodb.sh to install it", e);
    }
    Thread pipe = new Thread(() -> pipeToLog(started, bound), "dynalite-output");
    pipe.setDaemon(true);
    pipe.start();
    return started;
  }

  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
    while (!listening.await(50, TimeUnit.MILLISECONDS)) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        return false;
      }
    }
    try (DynamoDbClient probe = DynamoDbClients.probe(endpoint())) {
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          probe.listTables(r -> r.limit(1));
          return true;
        } catch (SdkException notYet) {
          Thread.sleep(50);
        }
      }
    }
    return false;
  }

  private synchronized void destroy() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static void pipeToLog(Process process, CountDownLatch listening) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("Dynalite listening at")) {
          listening.countDown();
        }
        LOG.info("dynalite: {}", line);
      }
    } catch (IOException e) {
      LOG.debug("dynalite's output closed", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for dynalite", e);
    }
  }
}
