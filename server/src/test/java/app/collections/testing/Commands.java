package app.collections.testing;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.server.ServerConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Runs a command line of the application, as {@code java -jar collections.jar ...} would. */
public final class Commands {
  private Commands() {}

  /**
   * What a command line printed, and how it ended: {@code exit} is empty on success and 1 on a
   * failure, as {@code Application.run} turns {@code Cli}'s answer into the process's status.
   */
  public record Run(Optional<Integer> exit, String stdout, String stderr) {
    public boolean succeeded() {
      return exit.isEmpty();
    }
  }

  /** What the command printed; fails the test if it did not succeed. */
  public static String run(String... args) throws Exception {
    Run run = attempt(args);
    assertThat(run.succeeded()).as("the command failed: %s%n%s", run.stderr(), run.stdout()).isTrue();
    return run.stdout();
  }

  /** Runs the command line whatever its outcome. */
  public static Run attempt(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try {
      // Commands print with System.out, as for a shell's $(...).
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Bootstrap<ServerConfiguration> bootstrap = new Bootstrap<>(new CollectionsApplication());
      new CollectionsApplication().initialize(bootstrap);
      Cli cli = new Cli(new JarLocation(Commands.class), bootstrap, System.out,
          new PrintStream(err, true, StandardCharsets.UTF_8));
      Optional<Throwable> failure = cli.run(args);
      return new Run(failure.map(t -> 1), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
