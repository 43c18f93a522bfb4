package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.CollectionsConfiguration;
import app.collections.json.Json;
import app.collections.http.RequestContextFilter;
import app.collections.ratelimit.RateLimitConfiguration;
import app.collections.testing.TestDatabase;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The production host, invoked in-process the way the Lambda runtime does: an API Gateway HTTP API
 * (payload v2) event in, a proxy response out, Cognito-style token verified against a JWKS served
 * over HTTP, the production configuration file (lambda.yml) with its environment filled in.
 */
class ApiHandlerTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static HttpServer cognito;
  private static RSAKey key;
  private static ApiHandler handler;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    cognito = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    cognito.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    cognito.start();
    handler = new ApiHandler(productionConfiguration());
  }

  @AfterAll
  static void stop() {
    cognito.stop(0);
  }

  @Test
  void answersAGraphqlPostFromAnHttpApiV2Event() throws Exception {
    JsonNode response = invoke(event("POST", "/graphql", "Bearer " + token("cognito-sub-1"),
        "{\"query\": \"{ viewer { id } items(first: 5) { totalCount } }\"}"));

    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.path("body").asText());
    assertThat(body.path("data").path("viewer").path("id").asText()).isEqualTo("cognito-sub-1");
    assertThat(body.path("data").path("items").path("totalCount").asInt()).isZero();
    // The HTTP edge's filters run on Lambda too; the execute-api Host is served (no Host check there).
    assertThat(response.path("multiValueHeaders").path("Cache-Control").toString()).as(response.toString()).contains("no-store");
    assertThat(response.path("multiValueHeaders").path("X-Content-Type-Options").toString()).contains("nosniff");
  }

  @Test
  void answersAMissingTokenWith401() throws Exception {
    JsonNode response = invoke(event("POST", "/graphql", null, "{\"query\": \"{ viewer { id } }\"}"));
    assertThat(response.path("statusCode").asInt()).isEqualTo(401);
    assertThat(Json.MAPPER.readTree(response.path("body").asText()).path("errors").get(0).path("extensions").path("code").asText())
        .isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void servesThePlaygroundWithoutTheDevIssuer() throws Exception {
    JsonNode page = invoke(event("GET", "/graphiql", null, null));
    assertThat(page.path("statusCode").asInt()).isEqualTo(200);
    assertThat(page.path("body").asText()).contains("GraphiQL").contains("const devIssuer = false");
    JsonNode devToken = invoke(event("POST", "/dev-issuer/token", null, "user=alice"));
    assertThat(devToken.path("statusCode").asInt()).isEqualTo(404);
  }

  @Test
  void answersHealthAndVersionWithoutAToken() throws Exception {
    for (String authorization : new String[] {null, "Bearer not.a.jwt"}) {
      JsonNode health = invoke(event("GET", "/health", authorization, null));
      assertThat(health.path("statusCode").asInt()).as(health.toString()).isEqualTo(200);
      assertThat(Json.MAPPER.readTree(health.path("body").asText()))
          .isEqualTo(Json.MAPPER.readTree("{\"status\":\"ok\",\"database\":\"ok\"}"));
      assertThat(health.path("multiValueHeaders").path("Cache-Control").toString()).contains("no-store");

      JsonNode version = invoke(event("GET", "/version", authorization, null));
      assertThat(version.path("statusCode").asInt()).as(version.toString()).isEqualTo(200);
      JsonNode build = Json.MAPPER.readTree(version.path("body").asText());
      assertThat(build.properties()).extracting(Map.Entry::getKey).containsExactly("commit", "builtAt", "version");
      if (java.nio.file.Files.exists(java.nio.file.Path.of("..", ".git"))) {
        assertThat(build.path("commit").asText()).matches("[0-9a-f]{40}");
      }
    }
  }

  @Test
  void refusesToStartWithTheDevIssuerOn() {
    CollectionsConfiguration config = productionConfiguration();
    config.getAuth().getDevIssuer().setEnabled(true);
    assertThatThrownBy(() -> new ApiHandler(config)).hasMessageContaining("dev issuer");
  }

  @Test
  void twoContainersSpendOneRateLimitAndRefuseWith429AndRetryAfter() throws Exception {
    assertThat(productionConfiguration().getRateLimits().getStore()).isEqualTo(RateLimitConfiguration.Store.POSTGRES);
    ApiHandler[] containers = new ApiHandler[2];
    for (int i = 0; i < containers.length; i++) {
      CollectionsConfiguration config = productionConfiguration();
      config.getRateLimits().setRequests(new RateLimitConfiguration.Limit(0.01, 3));
      containers[i] = new ApiHandler(config);
    }
    String event = event("POST", "/graphql", "Bearer " + token("cognito-sub-limited"), "{\"query\": \"{ viewer { id } }\"}");
    List<Integer> statuses = new ArrayList<>();
    JsonNode refused = null;
    for (int i = 0; i < 5; i++) {
      JsonNode response = invoke(containers[i % 2], event);
      statuses.add(response.path("statusCode").asInt());
      refused = response.path("statusCode").asInt() == 429 ? response : refused;
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    assertThat(refused.path("headers").path("Retry-After").asLong()).isPositive();
    assertThat(Json.MAPPER.readTree(refused.path("body").asText()).path("errors").get(0).path("extensions").path("code").asText())
        .isEqualTo("RATE_LIMITED");
  }

  @Test
  void reportsEachInvocationsMetricsAsOneEmbeddedMetricFormatLine() throws Exception {
    List<String> lines = new ArrayList<>();
    ApiHandler reporting = new ApiHandler(productionConfiguration(), lines::add);
    String search = "{\"query\": \"query Find { search(query: \\\"coffee\\\", mode: BM25, first: 3) { totalCount } }\", "
        + "\"operationName\": \"Find\"}";
    JsonNode answered = invoke(reporting, event("POST", "/graphql", "Bearer " + token("cognito-sub-emf"), search));
    assertThat(answered.path("statusCode").asInt()).as(answered.toString()).isEqualTo(200);

    assertThat(lines).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(lines.getFirst());
    JsonNode aws = line.path("_aws");
    assertThat(aws.path("Timestamp").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(aws.path("CloudWatchMetrics")).hasSize(1);
    JsonNode directive = aws.path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("Collections");
    assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"function\"]]");
    assertThat(line.path("function").asText()).isEqualTo("api");
    assertThat(line.path("requestId").asText()).isEqualTo(new FakeLambdaContext().getAwsRequestId());
    Map<String, String> units = new java.util.TreeMap<>();
    directive.path("Metrics").forEach(m -> units.put(m.path("Name").asText(), m.path("Unit").asText()));
    assertThat(units).containsEntry("graphql.requests", "Milliseconds").containsEntry("search.bm25", "Milliseconds");
    // One request, one duration each, in milliseconds; every listed metric has its value.
    assertThat(line.path("graphql.requests")).hasSize(1);
    assertThat(line.path("graphql.requests").get(0).asDouble()).isPositive().isLessThan(60_000);
    assertThat(line.path("search.bm25")).hasSize(1);
    units.keySet().forEach(name -> assertThat(line.has(name)).as(name).isTrue());
    // The per-DAO timers are in the line for Logs Insights, not billed as metrics.
    List<String> sqlFields = new ArrayList<>();
    line.fieldNames().forEachRemaining(f -> { if (f.startsWith("sql.")) sqlFields.add(f); });
    assertThat(sqlFields).isNotEmpty();
    assertThat(units.keySet()).noneMatch(name -> name.startsWith("sql."));

    // The next line holds only the next invocation's changes: a refused request.
    invoke(reporting, event("POST", "/graphql", null, "{\"query\": \"{ viewer { id } }\"}"));
    assertThat(lines).hasSize(2);
    JsonNode refused = Json.MAPPER.readTree(lines.get(1));
    assertThat(refused.path("graphql.unauthenticated").asLong()).isEqualTo(1);
    assertThat(refused.path("graphql.requests")).hasSize(1);
    assertThat(refused.has("search.bm25")).isFalse();
    assertThat(refused.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").toString())
        .contains("{\"Name\":\"graphql.unauthenticated\",\"Unit\":\"Count\"}");

    // SnapStart priming (a refused request and a search) is not traffic: no line, and not counted later.
    reporting.registeredPriming().beforeCheckpoint(null);
    assertThat(reporting.priming().requestsRun()).isPositive();
    assertThat(lines).hasSize(2);
    invoke(reporting, event("POST", "/graphql", "Bearer " + token("cognito-sub-emf"), "{\"query\": \"{ viewer { id } }\"}"));
    JsonNode afterPriming = Json.MAPPER.readTree(lines.get(2));
    assertThat(afterPriming.path("graphql.requests")).hasSize(1);
    assertThat(afterPriming.has("graphql.unauthenticated")).isFalse();
    assertThat(afterPriming.has("search.bm25")).isFalse();
  }

  @Test
  void honoursTraceparentAndLogsTheRequestWithTraceTenantHashAndOperation() throws Exception {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Logger requests = (Logger) LoggerFactory.getLogger(RequestContextFilter.class);
    logged.start();
    requests.addAppender(logged);
    requests.setLevel(Level.INFO);
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    JsonNode response;
    try {
      response = invoke(event("POST", "/graphql", "Bearer " + token("cognito-sub-traced"),
          "{\"query\": \"query Viewer { viewer { id } }\", \"operationName\": \"Viewer\"}",
          Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")));
    } finally {
      requests.detachAppender(logged);
      requests.setLevel(null);
    }
    assertThat(response.path("statusCode").asInt()).isEqualTo(200);
    // The answer names this service's span in the caller's trace.
    String echoed = response.path("multiValueHeaders").path("traceparent").get(0).asText();
    assertThat(echoed).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");

    assertThat(logged.list).hasSize(1);
    ILoggingEvent line = logged.list.getFirst();
    assertThat(line.getFormattedMessage()).matches("POST /graphql answered 200 in \\d+ ms");
    Map<String, String> mdc = line.getMDCPropertyMap();
    assertThat(mdc).containsEntry("traceId", traceId)
        .containsEntry("spanId", echoed.substring(36, 52))
        .containsEntry("requestId", new FakeLambdaContext().getAwsRequestId())
        .containsEntry("operation", "Viewer")
        // printf %s cognito-sub-traced | sha256sum | cut -c1-16
        .containsEntry("tenant", sha256Prefix("cognito-sub-traced"));
    assertThat(mdc.values()).doesNotContain("cognito-sub-traced");
    // Nothing of the request stays on the thread.
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void startsANewTraceForAMissingOrMalformedTraceparent() throws Exception {
    for (String header : new String[] {null, "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "not a traceparent"}) {
      Map<String, String> headers = header == null ? Map.of() : Map.of("traceparent", header);
      JsonNode response = invoke(event("POST", "/graphql", null, "{\"query\": \"{ viewer { id } }\"}", headers));
      assertThat(response.path("statusCode").asInt()).isEqualTo(401);
      String echoed = response.path("multiValueHeaders").path("traceparent").get(0).asText();
      assertThat(echoed).as("for %s", header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
          .doesNotContain("00000000000000000000000000000000");
    }
  }

  private static String sha256Prefix(String text) throws Exception {
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(digest).substring(0, 16);
  }

  private static CollectionsConfiguration productionConfiguration() {
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of());
    config.getAuth().getCognito().setIssuer(issuer());
    return config;
  }

  private static String issuer() {
    return "http://127.0.0.1:" + cognito.getAddress().getPort() + "/eu-west-1_Test";
  }

  private static String token(String sub) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer()).subject(sub).claim("token_use", "access").claim("client_id", "client-b")
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** An HTTP API payload v2 event as API Gateway sends it. */
  private static String event(String method, String path, String authorization, String body) throws Exception {
    return event(method, path, authorization, body, Map.of());
  }

  private static String event(String method, String path, String authorization, String body,
      Map<String, String> extraHeaders) throws Exception {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", method + " " + path);
    event.put("rawPath", path);
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("content-type", body != null && body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded");
    headers.put("accept", method.equals("GET") ? "text/html" : "application/json");
    headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
    headers.put("user-agent", "collections-mobile/1.0");
    headers.put("x-forwarded-for", "198.51.100.7");
    headers.put("x-forwarded-proto", "https");
    if (authorization != null) {
      headers.put("authorization", authorization);
    }
    extraHeaders.forEach(headers::put);
    ObjectNode context = event.putObject("requestContext");
    context.put("accountId", "123456789012");
    context.put("apiId", "abc123");
    context.put("domainName", "abc123.execute-api.eu-west-1.amazonaws.com");
    context.put("domainPrefix", "abc123");
    ObjectNode http = context.putObject("http");
    http.put("method", method);
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "198.51.100.7");
    http.put("userAgent", "collections-mobile/1.0");
    context.put("requestId", "JKJaXmPLvHcESHA=");
    context.put("routeKey", method + " " + path);
    context.put("stage", "$default");
    context.put("time", "25/Nov/2026:12:00:00 +0000");
    context.put("timeEpoch", 1795608000000L);
    if (body != null) {
      event.put("body", body);
    }
    event.put("isBase64Encoded", false);
    return Json.MAPPER.writeValueAsString(event);
  }

  private static JsonNode invoke(String event) throws Exception {
    return invoke(handler, event);
  }

  private static JsonNode invoke(ApiHandler handler, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new FakeLambdaContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }

}
