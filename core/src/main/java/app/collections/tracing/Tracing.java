package app.collections.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This service's spans, through the OpenTelemetry API. Which SDK records and exports them is the
 * host's choice, made by installing it as {@link GlobalOpenTelemetry}: on Lambda the OpenTelemetry
 * layer does when the stack adds it, on the server {@code OTEL_TRACES_EXPORTER=logging} does
 * (docs/deploy.md, "Traces"). The tracer is looked up at each span, not kept, so an SDK installed
 * after a class was loaded still gets its spans.
 *
 * <p>Without an SDK (the default: no exporter) the API's spans only carry their parent's context.
 * Then a span here still gets an id of its own, so the request, each model call and each embedding
 * keep distinct span ids in the logs, the answer's {@code traceparent} and the providers' requests,
 * exactly as with an SDK; only nothing is exported.
 */
public final class Tracing {
  /** The instrumentation scope of every span here. */
  static final String SCOPE = "app.collections";
  /** The W3C header a request carries its caller's span in, and the answer names its own. */
  public static final String TRACEPARENT = "traceparent";

  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tracing() {}

  /**
   * The span of a request: a child of the caller's {@code traceparent} (read by the W3C rules: a
   * missing or malformed one starts a new trace), not yet current.
   */
  public static Span startRequest(String name, String traceparent) {
    Context caller = traceparent == null ? Context.root()
        : W3C.extract(Context.root(), traceparent, SingleHeader.GETTER);
    return start(name, SpanKind.SERVER, caller);
  }

  /** A span of a call this service makes (a model, an embedding), child of the current span. */
  public static Span startClient(String name) {
    return start(name, SpanKind.CLIENT, Context.current());
  }

  /** Marks the span failed by this error (status ERROR, error.type its class), as every span here does. */
  public static void failed(Span span, Throwable error) {
    span.setAttribute(ERROR_TYPE, error.getClass().getName());
    span.setStatus(StatusCode.ERROR, String.valueOf(error.getMessage()));
  }

  /** The span's {@code traceparent} (version 00), for the answer's header and outgoing calls. */
  public static String traceparent(SpanContext span) {
    Map<String, String> headers = new LinkedHashMap<>();
    W3C.inject(Context.root().with(Span.wrap(span)), headers, Map::put);
    return headers.get(TRACEPARENT);
  }

  /**
   * The current span as headers for an outgoing HTTP call ({@code traceparent}, and
   * {@code tracestate} when the caller sent one); none outside a span. The models' and Voyage's
   * clients read it at each request.
   */
  public static Map<String, String> outgoingHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    W3C.inject(Context.current(), headers, Map::put);
    return headers;
  }

  static Span start(String name, SpanKind kind, Context parent) {
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    Span span = tracer().spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    SpanContext started = span.getSpanContext();
    if (started.isValid() && !started.getSpanId().equals(parentSpan.getSpanId())) {
      return span; // an SDK made it (recorded or not)
    }
    // No SDK: the API handed back the parent's context (or an invalid one at a trace's root).
    return Span.wrap(SpanContext.create(
        parentSpan.isValid() ? parentSpan.getTraceId() : randomHex(16),
        randomHex(8),
        parentSpan.isValid() ? parentSpan.getTraceFlags() : TraceFlags.getSampled(),
        parentSpan.getTraceState()));
  }

  private static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer(SCOPE);
  }

  /** Random lower-case hex of that many bytes, never all zero (W3C's invalid id). */
  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    do {
      RANDOM.nextBytes(random);
    } while (isZero(random));
    return HexFormat.of().formatHex(random);
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The propagator reads one header, the {@code traceparent} value itself. */
  private enum SingleHeader implements TextMapGetter<String> {
    GETTER;

    @Override
    public Iterable<String> keys(String carrier) {
      return List.of(TRACEPARENT);
    }

    @Override
    public String get(String carrier, String key) {
      return TRACEPARENT.equals(key) ? carrier.strip() : null;
    }
  }
}
