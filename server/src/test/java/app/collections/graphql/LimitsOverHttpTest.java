package app.collections.graphql;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.testing.ApiClient;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tools' introspection and the cost refusal through the running service, as the tools meet
 * them: real HTTP, a dev token, the configuration of {@code ./dev run}.
 */
class LimitsOverHttpTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", () -> tempDir()));

  @Test
  void theToolsIntrospectionQueriesAnswerOverHttp() throws IOException {
    ApiClient api = new ApiClient(app.getLocalPort());
    String token = api.token("alice");
    for (String resource : new String[] {"graphiql-2.4.7.graphql", "graphql-js-16.15.0.graphql",
        "graphql-js-16.15.0-all-options.graphql"}) {
      JsonNode body = api.graphql(token, read("/introspection/" + resource));
      assertThat(body.has("errors")).as(resource + ": " + body.path("errors")).isFalse();
      assertThat(body.path("data").path("__schema").path("types").findValuesAsText("name")).as(resource)
          .contains("Query", "Item");
    }
  }

  @Test
  void theNestedSimilarQueryIsACodedRefusalOverHttp() {
    ApiClient api = new ApiClient(app.getLocalPort());
    JsonNode body = api.graphql(api.token("alice"), "{ a:items(first:100){ nodes { similar(first:50){ item {"
        + " similar(first:50) { item { similar(first:50) { score } } } } } } } }");
    JsonNode extensions = body.path("errors").get(0).path("extensions");
    assertThat(extensions.path("code").asText()).isEqualTo("QUERY_TOO_COSTLY");
    assertThat(extensions.path("limit").asLong()).isEqualTo(10_000);
  }

  private static String read(String resource) throws IOException {
    try (InputStream in = LimitsOverHttpTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("collections-limits-test").toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
