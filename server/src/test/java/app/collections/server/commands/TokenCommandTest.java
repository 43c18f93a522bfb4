package app.collections.server.commands;

import app.collections.auth.JwtVerifier;

import app.collections.local.auth.DevIssuer;

import app.collections.local.auth.DevIssuerTest;

import app.collections.auth.AuthConfiguration;

import app.collections.auth.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `java -jar collections.jar token alice config.yml`, through Dropwizard's real command line. */
class TokenCommandTest {
  @TempDir Path dir;

  @Test
  void printsOnlyAVerifiableTokenForTheUser() throws Exception {
    Path config = config(true);
    Run run = run("token", "alice", config.toString());

    assertThat(run.exit()).isEmpty();
    String token = run.stdout().strip();
    assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    AuthConfiguration auth = new AuthConfiguration();
    auth.setDevIssuer(DevIssuerTest.enabled());
    DevIssuer issuer = DevIssuer.loadOrCreate(dir.resolve("data"), auth.getDevIssuer());
    assertThat(JwtVerifier.create(auth, issuer.trustedIssuer()).verify(token)).isEqualTo(new Tenant("alice"));
  }

  @Test
  void failsWhenTheDevIssuerIsOff() throws Exception {
    Run run = run("token", "alice", config(false).toString());
    assertThat(run.exit()).contains(1);
    assertThat(run.stdout()).doesNotContain("eyJ");
    assertThat(run.stderr()).contains("dev issuer is off");
  }

  private Path config(boolean devIssuer) throws Exception {
    Path file = dir.resolve("config.yml");
    Files.writeString(file, """
        dataDir: %s
        database:
          driverClass: org.postgresql.Driver
          url: jdbc:postgresql://127.0.0.1:5432/unused
          user: unused
        auth:
          devIssuer:
            enabled: %s
        """.formatted(dir.resolve("data"), devIssuer));
    return file;
  }

  private record Run(Optional<Integer> exit, String stdout, String stderr) {}

  private static Run run(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    try {
      // The command prints with System.out, as it does for a shell's $(...).
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      Bootstrap<?> bootstrap = new Bootstrap<>(new CollectionsApplication());
      new CollectionsApplication().initialize(cast(bootstrap));
      Cli cli = new Cli(new JarLocation(TokenCommandTest.class), bootstrap,
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      Optional<Throwable> failure = cli.run(args);
      return new Run(failure.map(t -> 1), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
