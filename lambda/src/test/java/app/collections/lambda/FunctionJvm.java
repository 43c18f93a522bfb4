package app.collections.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DeployedShapeProbe} in a fresh JVM: one function of the stack, started with its
 * environment and fed events one at a time, as the Lambda runtime feeds a warm container.
 */
final class FunctionJvm implements AutoCloseable {
  /** Init reads lambda.yml and the secrets and builds the handler: seconds on a loaded machine. */
  private static final long INIT_TIMEOUT_SECONDS = 120;
  /** An analysis or a chat turn against the fakes: well under this unless something hangs. */
  private static final long INVOKE_TIMEOUT_SECONDS = 60;
  private static final long EXIT_TIMEOUT_SECONDS = 10;

  private final String name;
  private final Process process;
  private final Writer events;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final List<String> logs = Collections.synchronizedList(new ArrayList<>());

  /** @param classPath the built jar, the probe's jar and the runtime's serialization */
  FunctionJvm(String name, String classPath, Map<String, String> environment) throws IOException, InterruptedException {
    this.name = name;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath, DeployedShapeProbe.class.getName(), name);
    // Nothing of this JVM's environment leaks in but what a JVM needs to start (PATH, HOME).
    builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    process = builder.start();
    events = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(this::read, "function-" + name);
    reader.setDaemon(true);
    reader.start();
    String ready = answers.poll(INIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!DeployedShapeProbe.READY.equals(ready)) {
      throw new IllegalStateException(name + " did not start: " + ready + "\n" + logTail());
    }
  }

  /** One event in, the function's answer (the JSON the runtime would return) out. */
  String invoke(String event) throws IOException, InterruptedException {
    events.write(event.replace('\n', ' ') + "\n");
    events.flush();
    String answer = answers.poll(INVOKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (answer == null || !answer.startsWith(DeployedShapeProbe.ANSWER)) {
      throw new IllegalStateException(name + " did not answer: " + answer + "\n" + logTail());
    }
    return answer.substring(DeployedShapeProbe.ANSWER.length());
  }

  /** What the function wrote besides its answers: its log lines and EMF metrics. */
  List<String> logs() {
    return List.copyOf(logs);
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.equals(DeployedShapeProbe.READY) || line.startsWith(DeployedShapeProbe.ANSWER)
            || line.startsWith(DeployedShapeProbe.FAILED)) {
          answers.add(line);
        } else {
          logs.add(line);
        }
      }
    } catch (IOException e) {
      logs.add("(output unreadable: " + e + ")");
    }
    answers.add("(exited)");
  }

  private String logTail() {
    List<String> all = logs();
    return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
  }

  @Override
  public void close() throws InterruptedException {
    try {
      events.close();
    } catch (IOException e) {
      // Already gone.
    }
    if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
