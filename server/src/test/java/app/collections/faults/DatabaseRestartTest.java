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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL restarted under the running service (a private cluster: the machine's shared one is
 * never restarted): the pool's connections all die, and the very next request is answered anyway.
 */
class DatabaseRestartTest {
  /** Requests after the restart, as the fault probe sent them. */
  private static final int REQUESTS = 20;

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

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-pg-restart-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
