package app.collections.http;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.json.Json;
import app.collections.testing.ApiClient;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under {@code Accept: application/graphql-response+json} a 400 says "your document never ran".
 * Our own wall clock (TIMEOUT) and a refusal by the rate limiter (RATE_LIMITED) are not that: a
 * client that reads a 400 as "fix the query" would give up on a request that works later.
 */
class ServerSideRefusalStatusTest {
  private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  /** A request timeout of 0: every request is past its deadline before it runs, no timing involved. */
  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> timingOut = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", () -> tempDir()),
      ConfigOverride.config("graphql.requestTimeout", "0ms"),
      ConfigOverride.config("graphql.mutationTimeout", "0ms"));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aTimedOutRequestIsNotAnsweredAsAnInvalidDocument() throws Exception {
    String token = new ApiClient(timingOut.getLocalPort()).token("slow");
    HttpResponse<String> response = post(timingOut.getLocalPort(), token, "{ viewer { id } }");

    JsonNode body = Json.MAPPER.readTree(response.body());
    assertThat(body.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("TIMEOUT");
    // The spec: data present (null) is a 2xx; the document was valid and started.
    assertThat(body.has("data")).isTrue();
    assertThat(body.get("data").isNull()).isTrue();
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> post(int port, String token, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
        .header("Accept", GRAPHQL_RESPONSE)
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(java.util.Map.of("query", query))))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("refusal-status").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
