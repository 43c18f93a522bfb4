package app.collections.faults;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.PrivatePostgres;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import app.collections.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL restarted under the running service (a private cluster: the machine's shared one is
 * never restarted): the pool's connections all die, and the very next request is answered anyway.
 * Stopped, /health says so (503) until it is back.
 */
class DatabaseRestartTest {
  /** Requests after the restart, as the fault probe sent them. */
  private static final int REQUESTS = 20;
  /** How long /health may take to notice: its one-second cache, a failed check, a margin for a loaded machine. */
  private static final Duration HEALTH_WAIT = Duration.ofSeconds(15);

  @RegisterExtension @Order(1) static final PrivatePostgres postgres = new PrivatePostgres();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> postgres.url()),
      ConfigOverride.config("dataDir", tempDir().toString()));

  @Test
  void everyRequestAfterARestartIsAnsweredTheFirstOneIncluded() throws Exception {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("alice");
    String query = "{ viewer { id } items(first: 5) { totalCount } categories { name } }";
    assertThat(api.data(token, query, Map.of(), "items").path("totalCount").asInt()).isZero();

    postgres.restart();

    for (int i = 0; i < REQUESTS; i++) {
      JsonNode body = api.graphql(token, query);
      assertThat(body.has("errors")).as("request %d after the restart: %s", i + 1, body).isFalse();
      assertThat(body.path("data").path("viewer").path("id").asText()).isEqualTo("alice");
    }
  }

  /** /health while PostgreSQL is stopped under the service, and after it is back. */
  @Test
  void healthAnswers503WhileTheDatabaseIsDownAndOkOnceItIsBack() throws Exception {
    assertThat(health().statusCode()).isEqualTo(200);
    postgres.stop();
    try {
      // The last answer serves for up to a second; then the check finds no server.
      HttpResponse<String> down = awaitHealth(503);
      assertThat(Json.MAPPER.readTree(down.body()))
          .isEqualTo(Json.MAPPER.readTree("{\"status\":\"unavailable\",\"database\":\"unreachable\"}"));
    } finally {
      postgres.start();
    }
    assertThat(Json.MAPPER.readTree(awaitHealth(200).body()))
        .isEqualTo(Json.MAPPER.readTree("{\"status\":\"ok\",\"database\":\"ok\"}"));
  }

  /** Polls /health until it answers {@code status}; a bounded wait, well past the one-second cache. */
  private HttpResponse<String> awaitHealth(int status) throws Exception {
    long deadline = System.nanoTime() + HEALTH_WAIT.toNanos();
    HttpResponse<String> response = health();
    while (response.statusCode() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      response = health();
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response;
  }

  private HttpResponse<String> health() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-pg-restart-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
