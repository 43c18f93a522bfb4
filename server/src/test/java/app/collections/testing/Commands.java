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

/** Runs a command line of the application, as {@code java -jar collections.jar ...} would. */
public final class Commands {
  private Commands() {}

  /** What the command printed; fails the test if it did not succeed. */
  public static String run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Bootstrap<ServerConfiguration> bootstrap = new Bootstrap<>(new CollectionsApplication());
      new CollectionsApplication().initialize(bootstrap);
      Cli cli = new Cli(new JarLocation(Commands.class), bootstrap, System.out, System.err);
      assertThat(cli.run(args)).isEmpty();
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(original);
    }
  }
}
