package app.collections.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import app.collections.lazy.Lazy;
import app.collections.CollectionsConfiguration;
import app.collections.auth.JwksServer;
import app.collections.json.Json;
import app.collections.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SnapStart hook on the production handler (lambda.yml as packaged, a local JWKS as Cognito):
 * it runs its requests through the handler and the engine, leaves every table as it was, holds no
 * database connection in the snapshot, and the handler answers real requests after the restore.
 * How fast that first request is, is the cold-start benchmark's to say (docs/benchmarks.md).
 */
class SnapStartPrimingTest {
  @RegisterExtension static final TestDatabase db = new TestDatabase();

  private static JwksServer cognito;
  private static RSAKey key;

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    cognito = new JwksServer();
    cognito.publish(key);
  }

  @AfterAll
  static void stop() {
    cognito.close();
  }

  @Test
  void primesTheRequestPathWithoutWritingAnythingOrKeepingConnections() throws Exception {
    // A tenant with data, so that "nothing written" would notice a stray row anywhere.
    String owner = "d6a4f0b2-5c1e-4c8e-9a57-3f1b2c4d5e6f";
    db.jdbi().useHandle(h -> h.execute(
        "INSERT INTO items (id, user_id, filename, content_type, byte_size, status) "
            + "VALUES (gen_random_uuid(), ?, 'a.jpg', 'image/jpeg', 10, 'READY')", owner));
    ApiHandler handler = new ApiHandler(configuration());
    Map<String, Long> before = rowCounts();
    assertThat(handler.priming().clients()).as("S3 and DynamoDB, built on first use")
        .hasSize(3).noneMatch(Lazy.Once::isBuilt);

    handler.priming().beforeCheckpoint(null);

    assertThat(handler.priming().clients()).as("built into the snapshot, not by the first upload or chat turn")
        .allMatch(Lazy.Once::isBuilt);

    assertThat(handler.priming().requestsRun()).isEqualTo(1 + SnapStartPriming.QUERIES.size());
    assertThat(handler.priming().queriesWithErrors()).isZero();
    assertThat(cognito.fetches()).as("the issuer's keys are fetched into the snapshot").isPositive();
    assertThat(rowCounts()).isEqualTo(before);
    assertThat(openConnections()).as("no database connection in the snapshot").isZero();

    handler.priming().afterRestore(null);
    assertThat(openConnections()).as("one connection opened for the first request").isEqualTo(1);
    JsonNode answer = invoke(handler, "Bearer " + token(owner), "{ viewer { id } items(first: 5) { totalCount } }");
    assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(answer.path("body").asText());
    assertThat(body.path("data").path("viewer").path("id").asText()).isEqualTo(owner);
    assertThat(body.path("data").path("items").path("totalCount").asInt()).isEqualTo(1);
    // The owner's own request took its rate-limit tokens (one bucket row); nothing else changed.
    Map<String, Long> afterOwnersRequest = new TreeMap<>(before);
    afterOwnersRequest.merge("rate_limit_buckets", 1L, Long::sum);
    assertThat(rowCounts()).isEqualTo(afterOwnersRequest);
  }

  @Test
  void initFetchesTheKeysAndOpensTheFirstConnectionOnASecondThread() throws Exception {
    var fetchesBefore = cognito.fetches();
    long connectionsBefore = connectionsNow();
    ApiHandler handler = new ApiHandler(configuration());
    handler.initWarmup().get(30, TimeUnit.SECONDS);
    assertThat(cognito.fetches()).as("the issuer's keys, before any request").isGreaterThan(fetchesBefore);
    assertThat(connectionsNow() - connectionsBefore).as("the pool's first connection, idle for the first request")
        .isEqualTo(1);
    JsonNode answer = invoke(handler, "Bearer " + token("0b9f7c1e-2d3a-4b5c-8d6e-7f8091a2b3c4"), "{ viewer { id } }");
    assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    assertThat(connectionsNow() - connectionsBefore).as("the first request used it").isEqualTo(1);
    handler.priming().beforeCheckpoint(null);
    long left = Long.MAX_VALUE;
    for (int i = 0; i < 50 && left > 0; i++) {
      left = connectionsNow() - connectionsBefore;
      Thread.sleep(left > 0 ? 100 : 0);
    }
    assertThat(left).as("the checkpoint closes the warm-up's connection too").isZero();
  }

  /** Backends connected to the test database other than the one asking, counted once. */
  private static long connectionsNow() {
    return db.jdbi().withHandle(h -> h.createQuery(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        .mapTo(Long.class).one());
  }

  @Test
  void thePrimingTenantIsNoCognitoUser() {
    // Cognito subs are UUIDs: no token from the pool names the tenant priming reads as.
    assertThat(SnapStartPriming.TENANT.id()).doesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  private static CollectionsConfiguration configuration() {
    CollectionsConfiguration config = ProductionConfig.load(db, Map.of());
    config.getAuth().getCognito().setIssuer(cognito.issuer());
    return config;
  }

  /** Every table's row count, by name. */
  private static Map<String, Long> rowCounts() {
    return db.jdbi().withHandle(h -> {
      List<String> tables = h.createQuery(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").mapTo(String.class).list();
      Map<String, Long> counts = new TreeMap<>();
      for (String table : tables) {
        counts.put(table, h.createQuery("SELECT count(*) FROM \"" + table + "\"").mapTo(Long.class).one());
      }
      return counts;
    });
  }

  /** Backends connected to the test database other than the one asking. */
  private static long openConnections() throws InterruptedException {
    long open = Long.MAX_VALUE;
    // A closed socket's backend leaves pg_stat_activity a moment later: look a few times.
    for (int i = 0; i < 50 && open > 0; i++) {
      open = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
          .mapTo(Long.class).one());
      if (open > 0) {
        Thread.sleep(100);
      }
    }
    return open;
  }

  private static String token(String sub) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(cognito.issuer()).subject(sub).claim("token_use", "access").claim("client_id", "client-b")
        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static JsonNode invoke(ApiHandler handler, String authorization, String query) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(HttpApiEvent.graphqlPost(authorization, query)
        .getBytes(StandardCharsets.UTF_8)), out, new FakeLambdaContext());
    return Json.MAPPER.readTree(out.toByteArray());
  }
}
