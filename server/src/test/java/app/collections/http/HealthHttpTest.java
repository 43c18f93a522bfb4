package app.collections.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.json.Json;
import app.collections.server.CollectionsApplication;
import app.collections.server.ServerConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * /health and /version as an uptime checker meets them on the running service: no token, JSON,
 * never cached, and outside the per-tenant rate limits, which here allow a tenant two requests
 * (memory store, no refill while the test runs).
 */
class HealthHttpTest {
  static final int REQUEST_BURST = 2;

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", tempDir().toString()),
      ConfigOverride.config("rateLimits.store", "memory"),
      ConfigOverride.config("rateLimits.requests.burst", Integer.toString(REQUEST_BURST)),
      ConfigOverride.config("rateLimits.requests.perMinute", "0.01"));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void healthSaysTheDatabaseAnswersWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/health", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    // Exactly these two fields: no counts, no tenant, no versions.
    assertThat(Json.MAPPER.readTree(response.body())).isEqualTo(Json.MAPPER.readTree("{\"status\":\"ok\",\"database\":\"ok\"}"));
  }

  @Test
  void versionNamesTheCommitTheBuildTimeAndTheVersionWithoutAToken() throws Exception {
    HttpResponse<String> response = get("/version", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode version = Json.MAPPER.readTree(response.body());
    assertThat(version.properties()).extracting(Map.Entry::getKey).containsExactly("commit", "builtAt", "version");
    // Built from this checkout: git-commit-id-maven-plugin found the commit (core/pom.xml).
    if (Files.exists(Path.of("..", ".git"))) {
      assertThat(version.path("commit").asText()).matches("[0-9a-f]{40}");
    }
    assertThat(Instant.parse(version.path("builtAt").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(version.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void neitherIsRateLimitedNorLooksAtTheToken() throws Exception {
    ApiClient client = new ApiClient(app.getLocalPort());
    String token = client.token("checker");
    String query = "{\"query\": \"{ viewer { id } }\"}";
    for (int i = 0; i < REQUEST_BURST; i++) {
      assertThat(client.post("/graphql", "Bearer " + token, query).statusCode()).isEqualTo(200);
    }
    assertThat(client.post("/graphql", "Bearer " + token, query).statusCode()).isEqualTo(429);
    assertThat(client.post("/graphql", null, query).statusCode()).isEqualTo(401);

    // The same tenant over its limit, a bad token, none: /health and /version answer every time.
    for (int i = 0; i < 10 * REQUEST_BURST; i++) {
      for (String authorization : new String[] {"Bearer " + token, "Bearer not.a.jwt", null}) {
        assertThat(get("/health", authorization).statusCode()).as("/health, Authorization: %s", authorization)
            .isEqualTo(200);
        assertThat(get("/version", authorization).statusCode()).as("/version, Authorization: %s", authorization)
            .isEqualTo(200);
      }
    }
    assertThat(client.post("/graphql", "Bearer " + token, query).statusCode()).isEqualTo(429);
  }

  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-health-test");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
