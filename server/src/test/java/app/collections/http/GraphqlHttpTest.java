package app.collections.http;

import app.collections.server.ServerConfiguration;
import static org.assertj.core.api.Assertions.assertThat;

import app.collections.server.CollectionsApplication;
import app.collections.CollectionsConfiguration;
import app.collections.graphql.GraphqlRequest;
import app.collections.http.PersistedQueries;
import app.collections.json.Json;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP edge as clients meet it, over real HTTP against the running application: the GraphQL
 * over HTTP spec's media types and status codes, GET, automatic persisted queries, CORS (also the
 * local S3 server's), the Host check, caching and sniffing headers, RFC 6750 challenges, and
 * connections after errors.
 */
class GraphqlHttpTest {
  @RegisterExtension @Order(1) static final TestDatabase db = new TestDatabase();

  @RegisterExtension @Order(2)
  static final DropwizardAppExtension<ServerConfiguration> app = new DropwizardAppExtension<>(
      CollectionsApplication.class, ResourceHelpers.resourceFilePath("test.yml"),
      ConfigOverride.config("database.url", () -> db.url()),
      ConfigOverride.config("dataDir", tempDir().toString()),
      ConfigOverride.config("http.allowedHosts", "collections.test"));

  private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void answersInTheMediaTypeAskedForWithTheSpecsStatusCodes() throws Exception {
    String token = token("alice");
    HttpResponse<String> ok = post(token, GRAPHQL_RESPONSE, "application/json", body("{ viewer { id } }"));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type").orElseThrow()).startsWith(GRAPHQL_RESPONSE).contains("utf-8");
    assertThat(Json.MAPPER.readTree(ok.body()).path("data").path("viewer").path("id").asText()).isEqualTo("alice");

    // The spec's own type: a document that never ran is a 400, and has no data.
    for (String[] bad : new String[][] {{"{ viewer { id }", "GRAPHQL_PARSE_FAILED"},
        {"{ viewer { nope } }", "GRAPHQL_VALIDATION_FAILED"}}) {
      HttpResponse<String> response = post(token, GRAPHQL_RESPONSE, "application/json", body(bad[0]));
      assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
      JsonNode json = Json.MAPPER.readTree(response.body());
      assertThat(json.has("data")).isFalse();
      assertThat(json.path("errors").get(0).path("extensions").path("code").asText()).isEqualTo(bad[1]);
      // application/json, as before: 200 for everything that reached the engine.
      HttpResponse<String> legacy = post(token, "application/json", "application/json", body(bad[0]));
      assertThat(legacy.statusCode()).isEqualTo(200);
      assertThat(legacy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    }
    HttpResponse<String> coercion = post(token, GRAPHQL_RESPONSE, "application/json",
        Json.MAPPER.writeValueAsString(Map.of("query", "query($id: ID!) { item(id: $id) { id } }", "variables", Map.of())));
    assertThat(coercion.statusCode()).isEqualTo(400);

    // Wildcards and a missing Accept mean application/json; preference order is respected.
    assertThat(post(token, "*/*", "application/json", body("{ viewer { id } }")).headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(post(token, "application/json;q=0.5, application/graphql-response+json", "application/json",
        body("{ viewer { id } }")).headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith(GRAPHQL_RESPONSE));
  }

  @Test
  void refusesWhatIsNotAGraphqlRequestInTheGraphqlResponseShape() throws Exception {
    String token = token("alice");
    // 406 only when neither type is acceptable.
    HttpResponse<String> notAcceptable = post(token, "text/html", "application/json", body("{ viewer { id } }"));
    assertThat(notAcceptable.statusCode()).isEqualTo(406);
    assertThat(code(notAcceptable)).isEqualTo("BAD_USER_INPUT");
    // 415 for a body that is not JSON, or has no type.
    for (String contentType : new String[] {null, "text/plain", "application/x-www-form-urlencoded",
        "application/json; charset=latin1"}) {
      HttpResponse<String> response = post(token, "application/json", contentType, body("{ viewer { id } }"));
      assertThat(response.statusCode()).as("Content-Type %s", contentType).isEqualTo(415);
      assertThat(code(response)).isEqualTo("BAD_USER_INPUT");
    }
    // One that does not parse is refused (by Jetty, before any resource), never an internal error.
    for (String malformed : new String[] {"application/json; charset=\"", "json"}) {
      assertThat(post(token, "application/json", malformed, body("{ viewer { id } }")).statusCode()).as(malformed)
          .isIn(400, 415);
    }
    // Parameters of the wrong JSON type are refused, not coerced.
    for (String bad : new String[] {"{\"query\": 0}", "{\"query\": false}", "{\"query\": {\"obj\": 1}}",
        "{\"query\": \"{ viewer { id } }\", \"variables\": \"x\"}", "{\"query\": \"{ viewer { id } }\", \"extensions\": []}",
        "{\"qeury\": \"{ viewer { id } }\"}"}) {
      HttpResponse<String> response = post(token, GRAPHQL_RESPONSE, "application/json", bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(code(response)).isEqualTo("BAD_USER_INPUT");
    }
    // Other methods: 405 with Allow, never a Dropwizard body.
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/graphql")).header("Authorization", "Bearer " + token)
        .PUT(HttpRequest.BodyPublishers.ofString(body("{ viewer { id } }"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(code(put)).isEqualTo("BAD_USER_INPUT");
    HttpResponse<String> options = http.send(HttpRequest.newBuilder(uri("/graphql"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(options.statusCode()).isEqualTo(204);
    assertThat(options.headers().firstValue("Allow")).hasValue("GET, POST, OPTIONS");
  }

  @Test
  void runsQueriesByGetButNeverMutations() throws Exception {
    String token = token("alice");
    HttpResponse<String> query = get(token, GRAPHQL_RESPONSE, Map.of("query", "query Me($n: Int) { viewer { id } items(first: $n) { totalCount } }",
        "variables", "{\"n\": 2}", "operationName", "Me"));
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(query.body()).path("data").path("viewer").path("id").asText()).isEqualTo("alice");

    HttpResponse<String> mutation = get(token, "application/json", Map.of("query",
        "mutation { deleteItem(input: {id: \"SXRlbTox\"}) { deletedItemId } }"));
    assertThat(mutation.statusCode()).isEqualTo(405);
    assertThat(mutation.headers().firstValue("Allow")).hasValue("POST");
    assertThat(code(mutation)).isEqualTo("BAD_USER_INPUT");
    // The operation a document selects is what counts.
    HttpResponse<String> selected = get(token, "application/json", Map.of("query",
        "query Q { viewer { id } } mutation M { deleteItem(input: {id: \"SXRlbTox\"}) { deletedItemId } }", "operationName", "M"));
    assertThat(selected.statusCode()).isEqualTo(405);

    try (RawHttp raw = new RawHttp(app.getLocalPort())) {
      RawHttp.Answer badEncoding = raw.send("GET /graphql?query=%zz%7B HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + token, new byte[0]);
      // Bad percent-encoding is the client's error, whichever way it is read.
      assertThat(badEncoding.status()).isIn(200, 400);
      assertThat(badEncoding.body()).contains("\"errors\"").doesNotContain("INTERNAL");
    }
    HttpResponse<String> badVariables = get(token, "application/json", Map.of("query", "{ viewer { id } }", "variables", "{nope"));
    assertThat(badVariables.statusCode()).isEqualTo(400);
    // A browser opening /graphql still gets the playground.
    assertThat(get(null, "text/html,application/xhtml+xml,*/*;q=0.8", Map.of()).statusCode()).isEqualTo(303);
  }

  @Test
  void persistsQueriesByHashOverPostAndGetForEveryContainer() throws Exception {
    String token = token("alice");
    String query = "query Count { items(first: 3) { totalCount } }";
    String hash = sha256(query);
    Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

    // Unknown hash: Apollo's cue, over POST and GET, in both media types.
    HttpResponse<String> unknown = post(token, "application/json", "application/json",
        Json.MAPPER.writeValueAsString(Map.of("extensions", extensions)));
    assertThat(unknown.statusCode()).isEqualTo(200);
    JsonNode error = Json.MAPPER.readTree(unknown.body()).path("errors").get(0);
    assertThat(error.path("message").asText()).isEqualTo("PersistedQueryNotFound");
    assertThat(error.path("extensions").path("code").asText()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    HttpResponse<String> unknownByGet = get(token, GRAPHQL_RESPONSE, Map.of("extensions", Json.MAPPER.writeValueAsString(extensions)));
    assertThat(unknownByGet.statusCode()).isEqualTo(400);
    assertThat(code(unknownByGet)).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

    // A hash that is not the query's is refused, and registers nothing.
    HttpResponse<String> mismatch = post(token, "application/json", "application/json", Json.MAPPER.writeValueAsString(Map.of(
        "query", "{ viewer { id } }", "extensions", extensions)));
    assertThat(mismatch.statusCode()).isEqualTo(400);
    assertThat(code(mismatch)).isEqualTo("BAD_USER_INPUT");
    // A document that does not validate is answered, not stored.
    String invalid = "{ viewer { nope } }";
    Map<String, Object> invalidExtensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", sha256(invalid)));
    post(token, "application/json", "application/json", Json.MAPPER.writeValueAsString(Map.of("query", invalid, "extensions", invalidExtensions)));
    assertThat(code(post(token, "application/json", "application/json",
        Json.MAPPER.writeValueAsString(Map.of("extensions", invalidExtensions))))).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

    // Registration with the query, then the hash alone, by GET.
    HttpResponse<String> registered = post(token, GRAPHQL_RESPONSE, "application/json", Json.MAPPER.writeValueAsString(Map.of(
        "query", query, "extensions", extensions)));
    assertThat(registered.statusCode()).isEqualTo(200);
    HttpResponse<String> byHash = get(token, GRAPHQL_RESPONSE, Map.of("extensions", Json.MAPPER.writeValueAsString(extensions)));
    assertThat(byHash.statusCode()).as(byHash.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(byHash.body()).path("data").path("items").path("totalCount").asInt()).isZero();

    // Stored in PostgreSQL: a fresh container (its own empty cache) knows it too.
    String stored = db.jdbi().withHandle(h -> h.createQuery("SELECT query FROM persisted_queries WHERE sha256 = :h")
        .bind("h", hash).mapTo(String.class).one());
    assertThat(stored).isEqualTo(query);
    assertThat(new PersistedQueries(db.jdbi(), 20_000)
        .resolve(new GraphqlRequest(null, null, Map.of(), extensions)).request().query()).isEqualTo(query);
  }

  @Test
  void graphqlAndTheDevIssuerAreNeverCachedOrSniffed() throws Exception {
    String token = token("alice");
    HttpResponse<String> tokenAnswer = http.send(HttpRequest.newBuilder(uri("/dev-issuer/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=alice")).build(), HttpResponse.BodyHandlers.ofString());
    for (HttpResponse<String> response : java.util.List.of(tokenAnswer,
        post(token, "application/json", "application/json", body("{ viewer { id } }")),
        post(null, "application/json", "application/json", body("{ viewer { id } }")),
        get(token, "application/json", Map.of("query", "{ viewer { id } }")))) {
      assertThat(response.headers().firstValue("Cache-Control")).as(response.uri().toString()).hasValue("no-store");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void challengesAsRfc6750Says() throws Exception {
    for (String none : new String[] {null, "Basic YWxpY2U6c2VjcmV0", "Bearer", "Bearer   "}) {
      HttpResponse<String> response = post(none, "application/json", "application/json", body("{ viewer { id } }"));
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as("Authorization: %s", none)
          .hasValue("Bearer realm=\"collections\"");
    }
    HttpResponse<String> bad = post("Bearer not.a.jwt", "application/json", "application/json", body("{ viewer { id } }"));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer realm=\"collections\", error=\"invalid_token\", error_description=\"");
    assertThat(code(bad)).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void allowsConfiguredOriginsOnlyForGraphqlAndTheLocalS3Server() throws Exception {
    String token = token("alice");
    HttpResponse<String> preflight = preflight(uri("/graphql"), "http://localhost:5173", "POST");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains("Authorization", "Content-Type", "traceparent");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET", "POST");

    for (String origin : new String[] {"https://evil.example", "http://localhost.evil.example", "null"}) {
      HttpResponse<String> refused = preflight(uri("/graphql"), origin, "POST");
      assertThat(refused.statusCode()).as(origin).isEqualTo(403);
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(code(refused)).isEqualTo("ORIGIN_NOT_ALLOWED");
    }
    HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(uri("/graphql")).header("Origin", "http://127.0.0.1:3000")
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body("{ viewer { id } }"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:3000");
    assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).as("a page may read which span answered")
        .hasValue("traceparent");
    assertThat(allowed.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(uri("/graphql")).header("Origin", "https://evil.example")
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body("{ viewer { id } }"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    // The browser's preflight for a presigned PUT to the local S3 server.
    JsonNode upload = Json.MAPPER.readTree(post(token, "application/json", "application/json", Json.MAPPER.writeValueAsString(Map.of(
        "query", "mutation { createUpload(input: {filename: \"a.png\", contentType: \"image/png\", byteSize: 10}) { uploadUrl } }"))).body());
    URI uploadUrl = URI.create(upload.path("data").path("createUpload").path("uploadUrl").asText());
    HttpResponse<String> s3 = preflight(uploadUrl, "http://localhost:5173", "PUT");
    assertThat(s3.statusCode()).as(s3.body()).isEqualTo(200);
    assertThat(s3.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
    assertThat(preflight(uploadUrl, "https://evil.example", "PUT").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void servesOnlyLoopbackAndConfiguredHostNames() throws Exception {
    for (String host : new String[] {"localhost", "localhost:8080", "127.0.0.1:1", "[::1]:8080", "LOCALHOST.", "collections.test:9"}) {
      try (RawHttp raw = new RawHttp(app.getLocalPort())) {
        RawHttp.Answer answer = raw.send("POST /dev-issuer/token HTTP/1.1\r\nHost: " + host
            + "\r\nContent-Type: application/x-www-form-urlencoded", "user=alice".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(host).isEqualTo(200);
      }
    }
    // Malformed ones Jetty refuses itself (400), before any filter.
    for (String host : new String[] {"localhost:80@evil.example", "[::1]x", ""}) {
      try (RawHttp raw = new RawHttp(app.getLocalPort())) {
        RawHttp.Answer answer = raw.send("POST /dev-issuer/token HTTP/1.1\r\nHost: " + host
            + "\r\nContent-Type: application/x-www-form-urlencoded", "user=alice".getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(host).isIn(400, 421);
        assertThat(answer.body()).doesNotContain("token\"");
      }
    }
    for (String host : new String[] {"evil.example", "evil.example:8080", "localhost.evil.example", "127.0.0.1.nip.io"}) {
      for (String path : new String[] {"POST /dev-issuer/token", "POST /graphql", "GET /graphiql"}) {
        try (RawHttp raw = new RawHttp(app.getLocalPort())) {
          RawHttp.Answer answer = raw.send(path + " HTTP/1.1\r\nHost: " + host
              + "\r\nContent-Type: application/x-www-form-urlencoded", "user=alice".getBytes(StandardCharsets.UTF_8));
          assertThat(answer.status()).as("%s with Host %s", path, host).isEqualTo(421);
          assertThat(Json.MAPPER.readTree(answer.body()).path("errors").get(0).path("extensions").path("code").asText())
              .isEqualTo("HOST_NOT_ALLOWED");
          assertThat(answer.body()).doesNotContain("token\"");
        }
      }
    }
  }

  @Test
  void closesTheConnectionOnlyWhenItLeavesTheBodyUnread() throws Exception {
    String token = token("alice");
    String head = "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token;
    byte[] huge = ("{\"query\": \"{ viewer { id } }\", \"variables\": {\"x\": \"" + "a".repeat(300_000) + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 10; i++) {
      try (RawHttp raw = new RawHttp(app.getLocalPort())) {
        RawHttp.Answer tooLarge = raw.send(head, huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.headers().get("connection")).isEqualTo("close");
        assertThat(raw.closedByServer()).isTrue();
      }
    }
    // Answers that read the body keep the connection for the next request.
    try (RawHttp raw = new RawHttp(app.getLocalPort())) {
      RawHttp.Answer unauthenticated = raw.send(head.replace(token, "x"), body("{ viewer { id } }").getBytes(StandardCharsets.UTF_8));
      assertThat(unauthenticated.status()).isEqualTo(401);
      assertThat(unauthenticated.headers().get("connection")).isNotEqualTo("close");
      RawHttp.Answer next = raw.send(head, body("{ viewer { id } }").getBytes(StandardCharsets.UTF_8));
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.body()).contains("alice");
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String code(HttpResponse<String> response) throws IOException {
    return Json.MAPPER.readTree(response.body()).path("errors").get(0).path("extensions").path("code").asText();
  }

  private static String body(String query) {
    try {
      return Json.MAPPER.writeValueAsString(Map.of("query", query));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> preflight(URI target, String origin, String method) throws Exception {
    return http.send(HttpRequest.newBuilder(target).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin).header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "authorization,content-type").build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String tokenOrAuthorization, String accept, String contentType, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql")).POST(HttpRequest.BodyPublishers.ofString(body));
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    authorize(request, tokenOrAuthorization);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String token, String accept, Map<String, String> parameters) throws Exception {
    StringBuilder query = new StringBuilder();
    parameters.forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/graphql" + query)).header("Accept", accept).GET();
    authorize(request, token);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A bare token gets "Bearer "; anything with a space is sent as the whole header. */
  private static void authorize(HttpRequest.Builder request, String tokenOrAuthorization) {
    if (tokenOrAuthorization != null) {
      request.header("Authorization", tokenOrAuthorization.contains(" ") || tokenOrAuthorization.startsWith("Basic")
          || tokenOrAuthorization.equals("Bearer") ? tokenOrAuthorization : "Bearer " + tokenOrAuthorization);
    }
  }

  private String token(String user) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/dev-issuer/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("user=" + user)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("token").asText();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("graphql-http-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
