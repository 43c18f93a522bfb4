package app.collections.http;

import app.collections.logging.LogFields;
import app.collections.logging.TraceContext;
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
 * honoured (a missing or malformed one starts a new trace); this request gets a span of its own,
 * whose id and the trace id go into the MDC for every line logged while it runs, and the answer's
 * {@code traceparent} names that span, so a caller can find the service's lines for its call.
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

  private final boolean logRequests;

  public RequestContextFilter(boolean logRequests) {
    this.logRequests = logRequests;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    TraceContext span = TraceContext.parse(request.getHeaderString(TraceContext.HEADER))
        .orElseGet(TraceContext::newTrace)
        .child();
    request.setProperty(STARTED, System.nanoTime());
    request.setProperty(SPAN, span);
    MDC.put(LogFields.TRACE_ID, span.traceId());
    MDC.put(LogFields.SPAN_ID, span.spanId());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    try {
      if (request.getProperty(SPAN) instanceof TraceContext span) {
        response.getHeaders().putSingle(TraceContext.HEADER, span.header());
      }
      if (logRequests && request.getProperty(STARTED) instanceof Long started) {
        String path = request.getUriInfo().getPath();
        LOG.info("{} {} answered {} in {} ms", request.getMethod(), path.startsWith("/") ? path : "/" + path,
            response.getStatus(), (System.nanoTime() - started) / 1_000_000);
      }
    } finally {
      MDC.remove(LogFields.TRACE_ID);
      MDC.remove(LogFields.SPAN_ID);
      MDC.remove(LogFields.TENANT);
      MDC.remove(LogFields.OPERATION);
    }
  }
}
