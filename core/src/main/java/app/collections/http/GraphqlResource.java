package app.collections.http;

import app.collections.graphql.GraphqlRequest;
import app.collections.graphql.OperationTypes;
import app.collections.graphql.RateLimitedException;

import app.collections.graphql.ApiException;
import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlEngine;
import app.collections.graphql.GraphqlLimits;

import app.collections.auth.Tenant;
import app.collections.db.LoggableFailure;
import app.collections.logging.LogFields;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * GraphQL over HTTP, as the spec (graphql.github.io/graphql-over-http) has it: {@code POST /graphql}
 * with a JSON body, or {@code GET /graphql?query=…} for queries (never mutations), with a bearer
 * token. A JAX-RS resource, not a servlet, so the same class serves under Dropwizard and on Lambda.
 *
 * <p>Answers are {@code application/graphql-response+json} or {@code application/json}, as the
 * Accept header prefers ({@link ResponseMediaType}), always in the GraphQL response shape: 401
 * without a valid token (with an RFC 6750 challenge), 406 when neither type is acceptable, 415 for
 * a POST body that is not JSON, 413 for an oversized one, 405 for a mutation by GET, 400 for a
 * request that is not GraphQL. Automatic persisted queries are resolved here ({@link PersistedQueries}).
 */
@Path("/graphql")
public final class GraphqlResource {
  private static final Logger LOG = LoggerFactory.getLogger(GraphqlResource.class);
  private static final Set<String> NOT_VALIDATED = Set.of(
      ErrorCode.GRAPHQL_PARSE_FAILED.name(), ErrorCode.GRAPHQL_VALIDATION_FAILED.name());

  private final GraphqlEngine engine;
  private final Authenticator authenticator;
  private final PersistedQueries persisted;
  private final GraphqlRequestReader reader;
  private final ObjectMapper json;
  private final int maxRequestBytes;
  private final Timer requests;
  private final MetricRegistry metrics;

  public GraphqlResource(GraphqlEngine engine, Authenticator authenticator, PersistedQueries persisted,
      ObjectMapper json, GraphqlLimits limits, MetricRegistry metrics) {
    this.engine = engine;
    this.authenticator = authenticator;
    this.persisted = persisted;
    this.reader = new GraphqlRequestReader(json);
    this.json = json;
    this.maxRequestBytes = limits.getMaxRequestBytes();
    this.metrics = metrics;
    this.requests = metrics.timer("graphql.requests");
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(@Context HttpHeaders headers, InputStream body) {
    try (Timer.Context ignored = requests.time()) {
      Optional<ResponseMediaType> type = negotiate(headers);
      if (type.isEmpty()) {
        return finish(notAcceptable(), body);
      }
      Tenant tenant;
      try {
        tenant = authenticate(headers);
      } catch (ApiException e) {
        return finish(unauthenticated(headers, e, type.get()), body);
      }
      if (!isJson(headers)) {
        return finish(error(415, ErrorCode.BAD_USER_INPUT,
            "Send the request as Content-Type: application/json", type.get()), body);
      }
      byte[] bytes = readBody(body);
      if (bytes == null) {
        // What is left unread ends the connection; the client must know not to reuse it.
        return Response.fromResponse(error(413, ErrorCode.BAD_USER_INPUT,
                "The request body is larger than " + maxRequestBytes + " bytes", type.get()))
            .header("Connection", "close").build();
      }
      GraphqlRequest request;
      try {
        request = reader.fromBody(bytes);
      } catch (ApiException e) {
        return error(400, e.code(), e.getMessage(), type.get());
      }
      return run(tenant, request, type.get(), false);
    } catch (RuntimeException e) {
      return internal(e);
    }
  }

  /**
   * A query by GET (cacheable, and how Apollo sends hashed queries). Browsers that open /graphql
   * without a query get the playground.
   */
  @GET
  public Response get(@Context HttpHeaders headers, @Context UriInfo uri) {
    try (Timer.Context ignored = requests.time()) {
      MultivaluedMap<String, String> parameters;
      try {
        parameters = uri.getQueryParameters();
      } catch (IllegalArgumentException e) {
        return error(400, ErrorCode.BAD_USER_INPUT, "The query string is not valid percent-encoding", ResponseMediaType.JSON);
      }
      String accept = headers.getHeaderString(HttpHeaders.ACCEPT);
      if (!parameters.containsKey("query") && !parameters.containsKey("extensions")
          && accept != null && accept.contains(MediaType.TEXT_HTML)) {
        return Response.seeOther(URI.create("/graphiql")).build();
      }
      Optional<ResponseMediaType> type = negotiate(headers);
      if (type.isEmpty()) {
        return notAcceptable();
      }
      Tenant tenant;
      try {
        tenant = authenticate(headers);
      } catch (ApiException e) {
        return unauthenticated(headers, e, type.get());
      }
      GraphqlRequest request;
      try {
        request = reader.fromQueryString(parameters);
      } catch (ApiException e) {
        return error(400, e.code(), e.getMessage(), type.get());
      }
      return run(tenant, request, type.get(), true);
    } catch (RuntimeException e) {
      return internal(e);
    }
  }

  @PUT
  public Response put(InputStream body) {
    return finish(methodNotAllowed(), body);
  }

  @PATCH
  public Response patch(InputStream body) {
    return finish(methodNotAllowed(), body);
  }

  @DELETE
  public Response delete() {
    return methodNotAllowed();
  }

  /** OPTIONS that is not a CORS preflight (CorsFilter answers those): the methods, no body. */
  @OPTIONS
  public Response options() {
    return Response.noContent().header(HttpHeaders.ALLOW, "GET, POST, OPTIONS").build();
  }

  /**
   * The request's tenant, from its bearer token, put in the log context (as its hash): the one
   * check of POST and GET. Throws the 401's ApiException when there is no valid token.
   */
  private Tenant authenticate(HttpHeaders headers) {
    Tenant tenant = authenticator.authenticate(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    MDC.put(LogFields.TENANT, LogFields.tenantHash(tenant));
    return tenant;
  }

  private Response run(Tenant tenant, GraphqlRequest sent, ResponseMediaType type, boolean byGet) {
    PersistedQueries.Resolved resolved;
    try {
      resolved = persisted.resolve(sent);
    } catch (ApiException e) {
      // Not found is Apollo's cue to send the query: a GraphQL response, not a broken request.
      int status = e.code() == ErrorCode.PERSISTED_QUERY_NOT_FOUND && type == ResponseMediaType.JSON ? 200 : 400;
      return error(status, e.code(), e.getMessage(), type);
    }
    GraphqlRequest request = resolved.request();
    if (request.operationName() != null) {
      // As the client named it; an anonymous document goes unnamed rather than parsed twice.
      // RequestContextFilter clears this and the tenant at the end of the request.
      MDC.put(LogFields.OPERATION, LogFields.operation(request.operationName()));
    }
    if (request.query() == null || request.query().isBlank()) {
      return error(400, ErrorCode.BAD_USER_INPUT, "The request has no query", type);
    }
    if (byGet && OperationTypes.selectsNonQuery(request.query(), request.operationName())) {
      return Response.fromResponse(error(405, ErrorCode.BAD_USER_INPUT, "Send mutations with POST", type))
          .header(HttpHeaders.ALLOW, "POST").build();
    }
    Map<String, Object> result;
    try {
      result = engine.execute(tenant, request);
    } catch (RateLimitedException e) {
      return rateLimited(e, type);
    }
    List<String> codes = errorCodes(result);
    if (!codes.isEmpty()) {
      metrics.meter("graphql.responsesWithErrors").mark();
    }
    if (resolved.register() != null && codes.stream().noneMatch(NOT_VALIDATED::contains)) {
      try {
        persisted.register(resolved.register(), request.query());
      } catch (RuntimeException e) {
        // The answer stands; the client sends the query again next time, which registers it then.
        LOG.warn("Could not store a persisted query; it stays unregistered", e);
      }
    }
    // graphql-response+json: no data means the document never ran, a client error.
    int status = type == ResponseMediaType.GRAPHQL_RESPONSE && !result.containsKey("data") ? 400 : 200;
    return Response.status(status).entity(write(result)).type(type.withCharset()).build();
  }

  private Optional<ResponseMediaType> negotiate(HttpHeaders headers) {
    List<MediaType> acceptable;
    try {
      acceptable = headers.getAcceptableMediaTypes();
    } catch (RuntimeException e) {
      // A malformed Accept header accepts nothing we can name.
      return Optional.empty();
    }
    return ResponseMediaType.negotiate(acceptable);
  }

  /** application/json, in UTF-8 (the only charset the spec allows; absent means UTF-8). */
  private static boolean isJson(HttpHeaders headers) {
    MediaType type;
    try {
      type = headers.getMediaType();
    } catch (RuntimeException e) {
      return false; // a Content-Type that does not parse is no JSON type
    }
    if (type == null || !"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
      return false;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return charset == null || charset.equalsIgnoreCase("utf-8");
  }

  /**
   * RFC 6750 §3: a request with no bearer token gets a bare challenge; {@code invalid_token} is only
   * for a token that was sent and failed.
   */
  private Response unauthenticated(HttpHeaders headers, ApiException e, ResponseMediaType type) {
    metrics.meter("graphql.unauthenticated").mark();
    String challenge = BearerChallenge.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION), e.getMessage());
    return Response.fromResponse(error(401, e.code(), e.getMessage(), type))
        .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
  }

  private Response notAcceptable() {
    return error(406, ErrorCode.BAD_USER_INPUT,
        "Accept application/graphql-response+json or application/json", ResponseMediaType.JSON);
  }

  private Response methodNotAllowed() {
    return Response.fromResponse(error(405, ErrorCode.BAD_USER_INPUT,
            "Send GraphQL requests with POST, or queries with GET", ResponseMediaType.JSON))
        .header(HttpHeaders.ALLOW, "GET, POST").build();
  }

  private Response internal(RuntimeException e) {
    String errorId = UUID.randomUUID().toString();
    LOG.error("GraphQL request failed outside execution (errorId {})", errorId, LoggableFailure.of(e));
    return error(500, ErrorCode.INTERNAL, "Internal error (errorId " + errorId + ")", ResponseMediaType.JSON);
  }

  /**
   * Reads (up to the size limit) a body we answer without using: a response sent before the
   * request is read makes the server close the connection, which a client reusing it then sees as
   * a broken response to its next request. Past the limit, the answer says {@code Connection: close}.
   */
  private Response finish(Response response, InputStream body) {
    if (body == null) {
      return response;
    }
    try {
      if (body.readNBytes(maxRequestBytes + 1).length <= maxRequestBytes) {
        return response;
      }
    } catch (IOException e) {
      // The client went away; there is nothing to keep alive.
    }
    return Response.fromResponse(response).header("Connection", "close").build();
  }

  /** The body, or null when it is larger than the limit. */
  private byte[] readBody(InputStream body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(maxRequestBytes + 1);
    } catch (IOException e) {
      throw ApiException.badInput("Could not read the request body");
    }
    return bytes.length > maxRequestBytes ? null : bytes;
  }

  @SuppressWarnings("unchecked")
  private static List<String> errorCodes(Map<String, Object> result) {
    if (!(result.get("errors") instanceof List<?> errors)) {
      return List.of();
    }
    return errors.stream()
        .map(e -> e instanceof Map<?, ?> m && m.get("extensions") instanceof Map<?, ?> x ? String.valueOf(x.get("code")) : "")
        .toList();
  }

  /** The tenant's request bucket is empty: nothing ran. */
  private Response rateLimited(RateLimitedException e, ResponseMediaType type) {
    metrics.meter("graphql.rateLimited").mark();
    Response.ResponseBuilder response = Response.status(Response.Status.TOO_MANY_REQUESTS)
        .entity(write(e.response())).type(type.withCharset());
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

    private Response error(int status, ErrorCode code, String message, ResponseMediaType type) {
    return Response.status(status)
        .entity(write(GraphqlEngine.errorResponse(code, message)))
        .type(type.withCharset())
        .build();
  }

  private byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a GraphQL response", e);
    }
  }
}
