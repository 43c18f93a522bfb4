package app.collections.http;

import app.collections.graphql.ErrorCode;
import app.collections.graphql.GraphqlEngine;
import com.fasterxml.jackson.databind.ObjectMapper;
import app.collections.tracing.Tracing;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * CORS for /graphql: a web client on a configured origin may call it from a browser. Bearer tokens
 * in a header, never cookies, so credentials are not allowed and {@code Authorization} is simply
 * one of the allowed request headers. A preflight from an allowed origin is answered here (204);
 * one from another origin gets 403 ORIGIN_NOT_ALLOWED.
 */
@PreMatching
@Priority(CorsFilter.PRIORITY)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  /** After the Host check. */
  static final int PRIORITY = HostCheckFilter.PRIORITY + 100;
  /** How long a browser may reuse a preflight's answer: a day, as API Gateway's CORS has it. */
  static final int PREFLIGHT_MAX_AGE_SECONDS = 86_400;
  static final String ALLOWED_METHODS = "GET, POST";
  /** traceparent: a web client may join its own trace (W3C Trace Context), and read which span answered. */
  static final String ALLOWED_HEADERS = "Authorization, Content-Type, " + Tracing.TRACEPARENT;
  static final String EXPOSED_HEADERS = Tracing.TRACEPARENT;
  private static final Set<String> METHODS = Set.of(HttpMethod.GET, HttpMethod.POST);

  private final AllowedOrigins origins;
  private final byte[] refusal;

  public CorsFilter(AllowedOrigins origins, ObjectMapper json) {
    this.origins = origins;
    try {
      this.refusal = json.writeValueAsBytes(GraphqlEngine.errorResponse(ErrorCode.ORIGIN_NOT_ALLOWED,
          "This origin may not call the API from a browser"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    String method = request.getHeaderString("Access-Control-Request-Method");
    if (!HttpMethod.OPTIONS.equals(request.getMethod()) || origin == null || method == null || !isGraphql(request)) {
      return;
    }
    if (!origins.allows(origin) || !METHODS.contains(method)) {
      request.abortWith(Response.status(Response.Status.FORBIDDEN).entity(refusal)
          .type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8")).header("Vary", "Origin").build());
      return;
    }
    request.abortWith(Response.noContent()
        .header("Access-Control-Allow-Origin", origin)
        .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
        .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
        .header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS)
        .header("Vary", "Origin")
        .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!isGraphql(request) || response.getHeaders().containsKey("Access-Control-Allow-Origin")) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.add("Vary", "Origin");
    String origin = request.getHeaderString("Origin");
    if (origins.allows(origin)) {
      headers.putSingle("Access-Control-Allow-Origin", origin);
      headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    }
  }

  private static boolean isGraphql(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return path.equals("graphql") || path.equals("/graphql") || path.equals("graphql/") || path.equals("/graphql/");
  }
}
