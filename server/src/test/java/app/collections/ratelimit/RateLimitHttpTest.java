package app.collections.ratelimit;

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
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rate limits as a client meets them, over real HTTP with the memory store (local mode): a burst
 * of concurrent requests gets exactly the bucket's tokens, the rest 429 with Retry-After; searches
 * and model calls over their buckets answer RATE_LIMITED field by field. Refill rates are a token
 * per 100 minutes, so no token comes back while the test runs.
 */
class RateLimitHttpTest {
  static final int REQUEST_BURST = 50;
  static final int SEARCH_BURST = 5;

  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  private static final Path DATA_DIR = tempDir();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", DATA_DIR.toString()),
      ConfigOverride.config("rateLimits.store", "memory"),
      ConfigOverride.config("rateLimits.requests.burst", Integer.toString(REQUEST_BURST)),
      ConfigOverride.config("rateLimits.requests.perMinute", "0.01"),
      ConfigOverride.config("rateLimits.searches.burst", Integer.toString(SEARCH_BURST)),
      ConfigOverride.config("rateLimits.searches.perMinute", "0.01"),
      ConfigOverride.config("rateLimits.modelCalls.burst", "1"),
      ConfigOverride.config("rateLimits.modelCalls.perMinute", "0.01"));


  @Test
  void ofThreeHundredConcurrentRequestsExactlyTheBurstPass() throws IOException {
    ApiClient client = new ApiClient(app.getLocalPort());
    String token = client.token("burst");
    List<HttpResponse<String>> responses = new ConcurrentPosts().fire(300, 30,
        i -> "http://127.0.0.1:" + app.getLocalPort(), token, "{\"query\": \"{ viewer { id } }\"}");

    assertThat(ConcurrentPosts.count(responses, 200)).isEqualTo(REQUEST_BURST);
    assertThat(ConcurrentPosts.count(responses, 429)).isEqualTo(300 - REQUEST_BURST);
    HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isPositive();
    JsonNode error = Json.MAPPER.readTree(refused.body()).path("errors").get(0);
    assertThat(error.path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(error.path("extensions").path("retryAfter").asLong()).isEqualTo(retryAfter);
    assertThat(Json.MAPPER.readTree(refused.body()).has("data")).isFalse();

    // The buckets are per tenant: another user is unaffected.
    assertThat(client.data(client.token("other"), "{ viewer { id } }", Map.of(), "viewer").path("id").asText())
        .isEqualTo("other");
  }

  @Test
  void searchesOverTheirBucketAnswerRateLimitedWhileTheRestOfTheRequestRuns() {
    ApiClient client = new ApiClient(app.getLocalPort());
    String token = client.token("searcher");
    String three = "query($q: String!) { viewer { id } a: search(query: $q, mode: BM25) { totalCount }"
        + " b: search(query: $q, mode: BM25) { totalCount } ...More }"
        + " fragment More on Query { c: search(query: $q, mode: BM25) { totalCount } }";

    JsonNode first = client.graphql(token, three, Map.of("q", "ramen"));
    assertThat(first.has("errors")).as(first.toString()).isFalse();
    assertThat(first.path("data").path("c").path("totalCount").asInt()).isZero();

    // Two searches left of five: the next three (counted through the fragment) are refused, all of them.
    JsonNode second = client.graphql(token, three, Map.of("q", "ramen"));
    assertThat(second.path("data").path("viewer").path("id").asText()).isEqualTo("searcher");
    assertThat(second.path("data").path("a").isNull()).isTrue();
    assertThat(second.path("data").path("c").isNull()).isTrue();
    assertThat(second.path("errors")).hasSize(3).allSatisfy(e -> {
      assertThat(e.path("extensions").path("code").asText()).isEqualTo("RATE_LIMITED");
      assertThat(e.path("extensions").path("retryAfter").asLong()).isPositive();
    });

    // Skipped searches are not charged: two fit, and pass.
    JsonNode two = client.graphql(token, three.replace("c: search(query: $q, mode: BM25)",
        "c: search(query: $q, mode: BM25) @skip(if: true)"), Map.of("q", "ramen"));
    assertThat(two.has("errors")).as(two.toString()).isFalse();
  }

  @Test
  void modelCallsOverTheirBucketAnswerRateLimited() {
    ApiClient client = new ApiClient(app.getLocalPort());
    String token = client.token("chatter");
    String send = "mutation { sendChatMessage(input: {message: \"hello\"}) { reply } }";
    // No model provider here: the one model-call token is spent on an answer that says so.
    assertThat(code(client.graphql(token, send))).isEqualTo("PROVIDER_NOT_CONFIGURED");
    assertThat(code(client.graphql(token, send))).isEqualTo("RATE_LIMITED");
    // AGENTIC (given as a variable) and answer: true are model calls too.
    JsonNode agentic = client.graphql(token, "query($m: SearchMode) { search(query: \"x\", mode: $m) { totalCount } }",
        Map.of("m", "AGENTIC"));
    assertThat(code(agentic)).isEqualTo("RATE_LIMITED");
    assertThat(code(client.graphql(token, "{ search(query: \"x\", mode: BM25, answer: true) { totalCount } }")))
        .isEqualTo("RATE_LIMITED");
    // A plain search takes no model call.
    assertThat(client.graphql(token, "{ search(query: \"x\", mode: BM25) { totalCount } }").has("errors")).isFalse();
  }

  /**
   * Under {@code application/graphql-response+json} a 400 means the document is invalid; a refusal
   * is not that: the refused request is 429 (Retry-After), a refused field 200 with its error.
   */
  @Test
  void underGraphqlResponseJsonARefusedRequestIs429AndARefusedField200() throws Exception {
    ApiClient client = new ApiClient(app.getLocalPort());
    String token = client.token("spec-client");
    for (int i = 0; i < SEARCH_BURST; i++) {
      assertThat(client.graphql(token, "{ search(query: \"x\", mode: BM25) { totalCount } }").has("errors")).isFalse();
    }
    HttpResponse<String> field = postAcceptingGraphqlResponse(token, "{ viewer { id } search(query: \"x\", mode: BM25) { totalCount } }");
    assertThat(field.statusCode()).as(field.body()).isEqualTo(200);
    assertThat(code(Json.MAPPER.readTree(field.body()))).isEqualTo("RATE_LIMITED");
    assertThat(Json.MAPPER.readTree(field.body()).has("data")).isTrue();

    for (int i = SEARCH_BURST + 1; i < REQUEST_BURST; i++) {
      client.graphql(token, "{ viewer { id } }");
    }
    HttpResponse<String> refused = postAcceptingGraphqlResponse(token, "{ viewer { id } }");
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/graphql-response+json");
    assertThat(code(Json.MAPPER.readTree(refused.body()))).isEqualTo("RATE_LIMITED");
  }

  private static HttpResponse<String> postAcceptingGraphqlResponse(String token, String query) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + app.getLocalPort() + "/graphql"))
        .header("Accept", "application/graphql-response+json")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("query", query))))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(JsonNode response) {
    return response.path("errors").path(0).path("extensions").path("code").asText(null);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("collections-ratelimit-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
