package app.collections.server;

import app.collections.CollectionsConfiguration;

import static app.collections.testing.Fixtures.newItem;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.auth.Tenant;
import app.collections.paging.GlobalId;
import app.collections.items.ItemDao;
import app.collections.items.NewItem;
import app.collections.json.Json;
import app.collections.metrics.PrometheusTextTest;
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
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service as `./dev run` serves it: real HTTP, real tokens, real database. */
class CollectionsApplicationTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  private static final Path DATA_DIR = tempDir();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", DATA_DIR.toString()));

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersTheViewerAndTheirCollectionWithATokenFromTheDevIssuer() throws Exception {
    JsonNode body = graphql(token("alice"), "{ viewer { id } items(first: 5) { totalCount } }");
    assertThat(body.path("data").path("viewer").path("id").asText()).isEqualTo("alice");
    assertThat(body.path("data").path("items").path("totalCount").asInt()).isZero();
    assertThat(body.has("errors")).isFalse();
  }

  @Test
  void refusesRequestsWithoutAValidTokenWithAGraphqlShaped401() throws Exception {
    for (String authorization : new String[] {null, "", "Bearer", "Basic YWxpY2U6c2VjcmV0", "Bearer not.a.jwt",
        "Bearer " + token("alice") + "x"}) {
      HttpResponse<String> response = post("/graphql", authorization, "{\"query\": \"{ viewer { id } }\"}");
      assertThat(response.statusCode()).as("Authorization: %s", authorization).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      JsonNode body = Json.MAPPER.readTree(response.body());
      assertThat(body.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("UNAUTHENTICATED");
      assertThat(body.has("data")).isFalse();
    }
  }

  @Test
  void keepsTenantsApartOverHttp() throws Exception {
    NewItem item = newItem("alices.jpg");
    db.jdbi().onDemand(ItemDao.class).insert(new Tenant("alice"), item);
    String id = GlobalId.encode("Item", item.id());
    String bob = token("bob");

    JsonNode asBob = graphql(bob, "query($id: ID!) { item(id: $id) { id } node(id: $id) { id } items { totalCount nodes { id } } categories { name } }",
        Map.of("id", id));
    assertThat(asBob.path("data").path("item").isNull()).isTrue();
    assertThat(asBob.path("data").path("node").isNull()).isTrue();
    assertThat(asBob.path("data").path("items").path("totalCount").asInt()).isZero();
    assertThat(asBob.path("data").path("items").path("nodes")).isEmpty();

    JsonNode bobDeletes = graphql(bob, "mutation($id: ID!) { deleteItem(input: {id: $id}) { deletedItemId } }", Map.of("id", id));
    assertThat(bobDeletes.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo("NOT_FOUND");

    JsonNode asAlice = graphql(token("alice"), "query($id: ID!) { item(id: $id) { filename } }", Map.of("id", id));
    assertThat(asAlice.path("data").path("item").path("filename").asText()).isEqualTo("alices.jpg");
    db.truncate();
  }

  @Test
  void answersBadBodiesWithGraphqlShaped400sAndOversizedOnesWith413() throws Exception {
    String token = token("alice");
    for (String body : new String[] {"", "not json", "[]", "{\"query\": \"\"}", "{\"query\": \"{ viewer { id } }\", \"variables\": 3}"}) {
      HttpResponse<String> response = post("/graphql", "Bearer " + token, body);
      assertThat(response.statusCode()).as("body %s", body).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText())
          .isEqualTo("BAD_USER_INPUT");
    }
    String huge = "{\"query\": \"{ viewer { id } }\", \"variables\": {\"x\": \"" + "a".repeat(30_000) + "\"}}";
    HttpResponse<String> tooLarge = post("/graphql", "Bearer " + token, huge);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("BAD_USER_INPUT");
  }

  @Test
  void servesGraphiqlWithEveryAssetFromTheJar() throws Exception {
    HttpResponse<String> page = get("/graphiql", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("GraphiQL", "/graphiql/assets/graphiql.min.js", "Get a dev token")
        .doesNotContain("https://", "{{DEV_ISSUER}}");
    for (String asset : new String[] {"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js"}) {
      HttpResponse<String> response = get("/graphiql/assets/" + asset, "*/*");
      assertThat(response.statusCode()).as(asset).isEqualTo(200);
      assertThat(response.body().length()).as(asset).isGreaterThan(1000);
    }
    // Only listed assets are served; traversal is refused (by Jetty or by the resource).
    assertThat(get("/graphiql/assets/..%2F..%2Fschema.graphqls", "*/*").statusCode()).isIn(400, 404);
    assertThat(get("/graphiql/assets/schema.graphqls", "*/*").statusCode()).isEqualTo(404);
    assertThat(get("/graphql", "text/html").statusCode()).isEqualTo(303);
  }

  @Test
  void reportsADatabaseWithPgvectorAsHealthy() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.getAdminPort() + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode postgres = Json.MAPPER.readTree(response.body()).path("postgres");
    assertThat(postgres.path("healthy").asBoolean()).isTrue();
    assertThat(postgres.path("message").asText()).startsWith("pgvector");
  }

  @Test
  void servesTheMetricsInPrometheusTextFormatOnTheAdminPort() throws Exception {
    graphql(token("alice"), "{ viewer { id } }");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.getAdminPort() + "/metrics/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type.replace(" ", "").toLowerCase()).isEqualTo("text/plain;version=0.0.4;charset=utf-8"));
    java.util.List<String> lines = response.body().lines().toList();
    // Our timers, and the database pool's gauges as Dropwizard registers them.
    assertThat(lines).contains("# TYPE graphql_requests_seconds summary",
        "# TYPE io_dropwizard_db_ManagedPooledDataSource_postgres_active gauge");
    assertThat(lines).anyMatch(line -> line.matches("graphql_requests_seconds_count [1-9][0-9]*"));
    assertThat(lines).anyMatch(line -> line.matches("graphql_requests_seconds\\{quantile=\"0.99\"} [0-9.E-]+"));
    assertThat(lines).allMatch(line -> line.startsWith("# ") || line.matches(PrometheusTextTest.SAMPLE));
    // The request carried a trace: the answer names its span.
    HttpResponse<String> traced = http.send(HttpRequest.newBuilder(uri("/graphql")).header("Content-Type", "application/json")
        .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ viewer { id } }\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(traced.headers().firstValue("traceparent")).hasValueSatisfying(v ->
        assertThat(v).matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01"));
  }

  private String token(String user) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/dev-issuer/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("token").asText();
  }

  private JsonNode graphql(String token, String query) throws IOException, InterruptedException {
    return graphql(token, query, Map.of());
  }

  private JsonNode graphql(String token, String query, Map<String, Object> variables) throws IOException, InterruptedException {
    HttpResponse<String> response = post("/graphql", "Bearer " + token,
        Json.MAPPER.writeValueAsString(Map.of("query", query, "variables", variables)));
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private HttpResponse<String> post(String path, String authorization, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-app-test");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
