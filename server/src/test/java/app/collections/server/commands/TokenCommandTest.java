package app.collections.server.commands;

import app.collections.auth.JwtVerifier;

import app.collections.local.auth.DevIssuer;

import app.collections.local.auth.DevIssuerTest;

import app.collections.auth.AuthConfiguration;

import app.collections.auth.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `java -jar collections.jar token alice config.yml`, through Dropwizard's real command line. */
class TokenCommandTest {
  @TempDir Path dir;

  @Test
  void printsOnlyAVerifiableTokenForTheUser() throws Exception {
    Path config = config(true);
    Commands.Run run = Commands.attempt("token", "alice", config.toString());

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
    Commands.Run run = Commands.attempt("token", "alice", config(false).toString());
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
}
