package app.collections.http;

import app.collections.logging.LogFields;
import app.collections.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Each request's place in its W3C trace and in the logs. The caller's {@code traceparent} is
 * honoured (a missing or malformed one starts a new trace); this request gets a span of its own
 * ({@link Tracing}), current while it runs, so the model and embedding calls it makes are its
 * children and carry it to the providers. Its id and the trace id go into the MDC for every line
 * logged meanwhile, and the answer's {@code traceparent} names that span, so a caller can find the
 * service's lines for its call.
 *
 * <p>On Lambda ({@code logRequests}) it also writes one line per request with the method, path,
 * status and time, carrying the MDC the request filled (trace, tenant hash, operation, Lambda
 * request id): the Dropwizard server has its own request log. Either way it clears the request's
 * MDC keys at the end, since a server thread goes on to serve other tenants.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestContextFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(RequestContextFilter.class);
  private static final String STARTED = RequestContextFilter.class.getName() + ".started";
  private static final String SPAN = RequestContextFilter.class.getName() + ".span";
  private static final String SCOPE = RequestContextFilter.class.getName() + ".scope";

  private final boolean logRequests;

  public RequestContextFilter(boolean logRequests) {
    this.logRequests = logRequests;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = path(request);
    Span span = Tracing.startRequest(request.getMethod() + " " + path, request.getHeaderString(Tracing.TRACEPARENT));
    span.setAttribute("http.request.method", request.getMethod());
    span.setAttribute("url.path", path);
    request.setProperty(STARTED, System.nanoTime());
    request.setProperty(SPAN, span);
    // Jersey runs both filters on the request's thread (no resource here is asynchronous).
    request.setProperty(SCOPE, span.makeCurrent());
    MDC.put(LogFields.TRACE_ID, span.getSpanContext().getTraceId());
    MDC.put(LogFields.SPAN_ID, span.getSpanContext().getSpanId());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    try {
      if (request.getProperty(SPAN) instanceof Span span) {
        SpanContext context = span.getSpanContext();
        response.getHeaders().putSingle(Tracing.TRACEPARENT, Tracing.traceparent(context));
        span.setAttribute("http.response.status_code", response.getStatus());
        if (response.getStatus() >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
        span.end();
      }
      if (logRequests && request.getProperty(STARTED) instanceof Long started) {
        LOG.info("{} {} answered {} in {} ms", request.getMethod(), path(request),
            response.getStatus(), (System.nanoTime() - started) / 1_000_000);
      }
    } finally {
      if (request.getProperty(SCOPE) instanceof Scope scope) {
        scope.close();
      }
      MDC.remove(LogFields.TRACE_ID);
      MDC.remove(LogFields.SPAN_ID);
      MDC.remove(LogFields.TENANT);
      MDC.remove(LogFields.OPERATION);
    }
  }

  private static String path(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    return path.startsWith("/") ? path : "/" + path;
  }
}
