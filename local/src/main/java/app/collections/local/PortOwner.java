package app.collections.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a local TCP port, read from Linux's /proc (no lsof or ss needed): what lets a
 * start tell a stale child of ours (left by a JVM that died) from someone else's server.
 */
public final class PortOwner {
  /** How long a connect probe waits: a loopback listener answers in microseconds. */
  private static final int PROBE_TIMEOUT_MILLIS = 200;
  private static final String LISTEN = "0A";

  /** A listener: its pid (-1 when /proc does not say) and its command line, arguments split. */
  public record Listener(long pid, List<String> commandLine) {
    public String describe() {
      return pid < 0 ? "an unidentified process" : "pid " + pid + " (" + String.join(" ", commandLine) + ")";
    }
  }

  private PortOwner() {}

  /** The process listening on the port of 127.0.0.1 (or of every address), if any. */
  public static Optional<Listener> of(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      inodes.addAll(listeningInodes(Path.of(table), port));
    }
    if (inodes.isEmpty()) {
      // No /proc (not Linux) or a listener in another network namespace: fall back to a probe.
      return answers(port) ? Optional.of(new Listener(-1, List.of())) : Optional.empty();
    }
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        if (holdsAny(process, inodes)) {
          return Optional.of(new Listener(Long.parseLong(process.getFileName().toString()), commandLine(process)));
        }
      }
    } catch (IOException e) {
      // Fall through: someone listens, we cannot say who.
    }
    return Optional.of(new Listener(-1, List.of()));
  }

  /** Stops the process and waits for it to exit: SIGTERM, then SIGKILL after {@code graceMillis}. */
  public static void stop(long pid, long graceMillis) throws InterruptedException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isEmpty()) {
      return;
    }
    handle.get().destroy();
    long deadline = System.currentTimeMillis() + graceMillis;
    while (handle.get().isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    if (handle.get().isAlive()) {
      handle.get().destroyForcibly();
      while (handle.get().isAlive() && System.currentTimeMillis() < deadline + graceMillis) {
        Thread.sleep(20);
      }
    }
  }

  private static List<String> listeningInodes(Path table, int port) {
    List<String> inodes = new ArrayList<>();
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    try {
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        String[] f = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (f.length > 9 && f[1].endsWith(hexPort) && LISTEN.equals(f[3]) && !"0".equals(f[9])) {
          inodes.add(f[9]);
        }
      }
    } catch (IOException e) {
      // No such table here.
    }
    return inodes;
  }

  private static boolean holdsAny(Path process, Set<String> inodes) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
      for (Path fd : fds) {
        String target = Files.readSymbolicLink(fd).toString();
        if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
          return true;
        }
      }
    } catch (IOException | SecurityException e) {
      // Gone, or not ours to read.
    }
    return false;
  }

  private static List<String> commandLine(Path process) {
    try {
      String raw = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of(raw.split("\0")));
      args.removeIf(String::isEmpty);
      return args;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
