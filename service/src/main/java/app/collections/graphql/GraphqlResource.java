package app.collections.graphql;

import app.collections.auth.Tenant;
import app.collections.ratelimit.RateLimitedException;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GraphQL over HTTP: {@code POST /graphql} with a bearer token and a JSON body. A JAX-RS resource,
 * not a servlet, so the same class serves under Dropwizard and on Lambda.
 *
 * <p>Failures before execution keep the GraphQL response shape: 401 without a valid token, 413 for
 * an oversized body, 400 for a body that is not a GraphQL request. Everything that reaches the
 * engine answers 200 with {@code data} and/or {@code errors}.
 */
@Path("/graphql")
public final class GraphqlResource {
  private static final Logger LOG = LoggerFactory.getLogger(GraphqlResource.class);
  private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8");

  private final GraphqlEngine engine;
  private final Authenticator authenticator;
  private final ObjectMapper json;
  private final int maxRequestBytes;
  private final Timer requests;
  private final MetricRegistry metrics;

  public GraphqlResource(GraphqlEngine engine, Authenticator authenticator, ObjectMapper json,
      GraphqlLimits limits, MetricRegistry metrics) {
    this.engine = engine;
    this.authenticator = authenticator;
    this.json = json;
    this.maxRequestBytes = limits.getMaxRequestBytes();
    this.metrics = metrics;
    this.requests = metrics.timer("graphql.requests");
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response execute(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
    try (Timer.Context ignored = requests.time()) {
      Tenant tenant;
      try {
        tenant = authenticator.authenticate(authorization);
      } catch (ApiException e) {
        metrics.meter("graphql.unauthenticated").mark();
        drain(body);
        return error(Response.Status.UNAUTHORIZED, e)
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
            .build();
      }
      GraphqlRequest request;
      try {
        request = parse(body);
      } catch (ApiException e) {
        Response.Status status = e instanceof TooLarge ? Response.Status.REQUEST_ENTITY_TOO_LARGE
            : Response.Status.BAD_REQUEST;
        return error(status, e).build();
      }
      Map<String, Object> result;
      try {
        result = engine.execute(tenant, request);
      } catch (RateLimitedException e) {
        return rateLimited(e);
      }
      if (result.containsKey("errors")) {
        metrics.meter("graphql.responsesWithErrors").mark();
      }
      return Response.ok(write(result), JSON).build();
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      LOG.error("GraphQL request failed outside execution (errorId {})", errorId, e);
      return Response.serverError()
          .entity(write(GraphqlEngine.errorResponse(ErrorCode.INTERNAL, "Internal error (errorId " + errorId + ")")))
          .type(JSON)
          .build();
    }
  }

  /** Browsers that open /graphql get the playground; other GETs are told to POST. */
  @GET
  public Response get(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
    if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
      return Response.seeOther(URI.create("/graphiql")).build();
    }
    return Response.status(Response.Status.METHOD_NOT_ALLOWED)
        .header(HttpHeaders.ALLOW, "POST")
        .entity(write(GraphqlEngine.errorResponse(ErrorCode.BAD_USER_INPUT, "Send GraphQL requests with POST")))
        .type(JSON)
        .build();
  }

  /**
   * Reads (up to the size limit) a body we answer without using: a response sent before the
   * request is read makes the server close the connection, which a client reusing it then sees as
   * a broken response to its next request.
   */
  private void drain(InputStream body) {
    try {
      body.readNBytes(maxRequestBytes + 1);
    } catch (java.io.IOException e) {
      // The client went away; there is nothing to keep alive.
    }
  }

  private GraphqlRequest parse(InputStream body) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(maxRequestBytes + 1);
    } catch (IOException e) {
      throw ApiException.badInput("Could not read the request body");
    }
    if (bytes.length > maxRequestBytes) {
      throw new TooLarge(maxRequestBytes);
    }
    GraphqlRequest request;
    try {
      request = bytes.length == 0 ? null : json.readValue(bytes, GraphqlRequest.class);
    } catch (IOException e) {
      throw ApiException.badInput(
          "The body must be JSON like {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}");
    }
    if (request == null || request.query() == null || request.query().isBlank()) {
      throw ApiException.badInput("The body has no query");
    }
    return request;
  }

  /** The tenant's request bucket is empty: nothing ran. */
  private Response rateLimited(RateLimitedException e) {
    metrics.meter("graphql.rateLimited").mark();
    Response.ResponseBuilder response = Response.status(Response.Status.TOO_MANY_REQUESTS)
        .entity(write(e.response())).type(JSON);
    if (e.retryAfterSeconds() != null) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }

  private Response.ResponseBuilder error(Response.Status status, ApiException e) {
    return Response.status(status)
        .entity(write(GraphqlEngine.errorResponse(e.code(), e.getMessage())))
        .type(JSON);
  }

  private byte[] write(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise a GraphQL response", e);
    }
  }

  private static final class TooLarge extends ApiException {
    TooLarge(int limit) {
      super(ErrorCode.BAD_USER_INPUT, "The request body is larger than " + limit + " bytes");
    }
  }
}
