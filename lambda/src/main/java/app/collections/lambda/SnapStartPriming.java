package app.collections.lambda;

import app.collections.lazy.Lazy;
import app.collections.auth.Tenant;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlRequest;
import app.collections.json.Json;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming. Lambda snapshots the API function after init; without this the snapshot holds
 * a handler that has never answered, and the first request after every restore still loads and
 * JIT-compiles the whole request path (measured: ~0.7 s, see docs/benchmarks.md). Before the
 * checkpoint this runs representative requests, so the classes, the JIT's code and the caches
 * they fill (the schema's parsed documents, the JWKS) are in the snapshot:
 * <ul>
 *   <li>through the handler, as API Gateway sends them: a GraphQL POST whose token names the
 *       configured issuer but carries no valid signature (fetches the issuer's JWKS, checks an RSA
 *       signature, answers 401), so the event parsing, Jersey and the response writing are warm;
 *   <li>through the engine, as {@link #TENANT}, a tenant no token can name (Cognito subs are
 *       UUIDs): an introspection, the viewer's items, a BM25 search. Read-only: nothing is
 *       written, and the tenant owns no rows.
 * </ul>
 * VECTOR and HYBRID searches are left out: their query embedding is a call to Voyage, which would
 * be billed on every snapshot and fail the deployment when Voyage is down.
 *
 * <p>After the restore, what must not be shared by the copies restored from one snapshot is
 * refreshed: pooled database connections (closed before the checkpoint as well, so no socket is in
 * the snapshot; one is opened again at once). Random numbers come from {@code SecureRandom} ({@code UUID.randomUUID}), which the
 * Lambda Java runtime reseeds on restore; nothing on the API's path seeds a {@code Random} at init.
 */
public final class SnapStartPriming implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
  /** The priming tenant: not a UUID, so never a Cognito user's sub. */
  static final Tenant TENANT = new Tenant("snapstart-priming");
  /** What the engine runs for {@link #TENANT}: the shapes a client asks for most. */
  static final List<String> QUERIES = List.of(
      "query IntrospectionQuery { __schema { queryType { name } mutationType { name }"
          + " types { kind name fields(includeDeprecated: true) { name args { name type { kind name } }"
          + " type { kind name ofType { kind name } } } } } }",
      "{ viewer { id } items(first: 5) { totalCount edges { cursor node { id createdAt } }"
          + " pageInfo { hasNextPage endCursor } } categories { name count } }",
      "{ search(query: \"receipt from the coffee shop\", mode: BM25, first: 5) { totalCount mode tookMs"
          + " edges { cursor node { rank score item { id } } } pageInfo { hasNextPage } } }");

  private final RequestStreamHandler handler;
  private final GraphqlEngine engine;
  private final DataSource dataSource;
  private final String issuer;
  private final Consumer<Tenant> forgetRateLimits;
  private final List<Lazy.Once<?>> clients;
  private final Future<?> initWarmup;
  private int requestsRun;
  private int queriesWithErrors;

  /**
   * @param dataSource the handler's pool: its connections are closed around the checkpoint
   * @param issuer the trusted token issuer, whose keys the primed handler fetches
   * @param clients the AWS clients the handler builds on first use (S3, DynamoDB), built here
   * @param initWarmup init's {@link InitWarmup}, awaited first: no connection may be opening on
   *     its thread when the pool is closed for the snapshot
   */
  public SnapStartPriming(RequestStreamHandler handler, GraphqlEngine engine, DataSource dataSource, String issuer,
      Consumer<Tenant> forgetRateLimits, List<Lazy.Once<?>> clients, Future<?> initWarmup) {
    this.handler = handler;
    this.engine = engine;
    this.dataSource = dataSource;
    this.issuer = issuer;
    this.forgetRateLimits = forgetRateLimits;
    this.clients = List.copyOf(clients);
    this.initWarmup = initWarmup;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
    long start = System.nanoTime();
    awaitInitWarmup();
    int before = requestsRun;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(unsignedRequest()), out, new PrimingContext());
    requestsRun++;
    for (String query : QUERIES) {
      // The unsigned request is refused before its body is read: the body's parsing (on the one
      // mapper the GraphQL resource also reads with) is primed here directly.
      GraphqlRequest request = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(
          Map.of("query", query, "variables", Map.of())), GraphqlRequest.class);
      Map<String, Object> result = engine.execute(TENANT, request);
      if (result.containsKey("errors")) {
        // A failing query still warms most of its path; say so, but let the snapshot be taken.
        LOG.warn("Priming query answered with errors: {}", result.get("errors"));
        queriesWithErrors++;
      }
      requestsRun++;
    }
    // The engine's queries went through the rate limiter (warming it), which keeps the priming
    // tenant's buckets in PostgreSQL: drop them, so the snapshot leaves no row behind.
    forgetRateLimits.accept(TENANT);
    // The AWS clients are built on their first call (most requests need neither: 1,127 SDK classes
    // at a cold start); a restored copy should not pay that on its first upload or chat turn, so
    // they are built into the snapshot. Building opens no connection and reads no credentials.
    clients.forEach(Lazy.Once::get);
    closeConnections();
    LOG.info("Primed the handler with {} requests in {} ms", requestsRun - before, (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Replaces the pool's connections, then opens one: the restore phase, not the first request,
   * pays for the TCP, TLS and SCRAM handshakes (without this, a loaded machine's class-loading
   * timeline showed the first request after priming idle ~0.35 s between its token check and SQL).
   */
  private void awaitInitWarmup() throws IOException {
    try {
      initWarmup.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for init's warm-up", e);
    } catch (ExecutionException e) {
      // InitWarmup logs its own failures and never completes exceptionally.
      throw new IOException("init's warm-up failed", e.getCause());
    }
  }

  /** The AWS clients this hook builds before the checkpoint. */
  List<Lazy.Once<?>> clients() {
    return clients;
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    closeConnections();
    try (Connection connection = dataSource.getConnection()) {
      connection.isValid(1);
    } catch (SQLException e) {
      // The first request will try again, and say why if it also fails.
      LOG.warn("Could not open a database connection after the restore: {}", e.getMessage());
    }
  }

  /** How many requests priming has run: for tests and the cold-start benchmark. */
  int requestsRun() {
    return requestsRun;
  }

  /** How many of the engine's priming queries answered with errors (none should). */
  int queriesWithErrors() {
    return queriesWithErrors;
  }

  /** Closes the pool's idle connections and marks busy ones to close when they come back. */
  private void closeConnections() {
    if (dataSource instanceof DataSourceProxy pool) {
      pool.purge();
    }
  }

  /** A GraphQL POST as API Gateway (HTTP API, payload v2) sends it, with a token nobody signed. */
  private byte[] unsignedRequest() throws IOException {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    // No key id: the verifier tries the issuer's RSA keys, and each rejects the zero signature.
    String header = base64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    ObjectNode claims = Json.MAPPER.createObjectNode();
    claims.put("iss", issuer);
    claims.put("sub", TENANT.id());
    claims.put("token_use", "access");
    claims.put("exp", System.currentTimeMillis() / 1000 + 600);
    String token = header + "." + base64.encodeToString(Json.MAPPER.writeValueAsBytes(claims)) + "." + base64.encodeToString(new byte[256]);

    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", "POST /graphql");
    event.put("rawPath", "/graphql");
    event.put("rawQueryString", "");
    ObjectNode headers = event.putObject("headers");
    headers.put("content-type", "application/json");
    headers.put("accept", "application/json");
    headers.put("authorization", "Bearer " + token);
    ObjectNode requestContext = event.putObject("requestContext");
    requestContext.put("requestId", "snapstart-priming");
    requestContext.put("routeKey", "POST /graphql");
    requestContext.put("stage", "$default");
    requestContext.put("timeEpoch", System.currentTimeMillis());
    ObjectNode http = requestContext.putObject("http");
    http.put("method", "POST");
    http.put("path", "/graphql");
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", "127.0.0.1");
    event.put("body", Json.MAPPER.writeValueAsString(Map.of("query", "{ viewer { id } items(first: 5) { totalCount } }")));
    event.put("isBase64Encoded", false);
    return Json.MAPPER.writeValueAsBytes(event);
  }

  /** The runtime's per-invocation context for a request the runtime did not send. */
  private static final class PrimingContext implements Context {
    @Override public String getAwsRequestId() { return "snapstart-priming"; }
    @Override public String getLogGroupName() { return null; }
    @Override public String getLogStreamName() { return null; }
    @Override public String getFunctionName() { return null; }
    @Override public String getFunctionVersion() { return null; }
    @Override public String getInvokedFunctionArn() { return null; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 0; }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override public void log(String message) { LOG.debug(message); }
        @Override public void log(byte[] message) { LOG.debug(new String(message, StandardCharsets.UTF_8)); }
      };
    }
  }
}
