package app.collections.tracing;

import app.collections.logging.LogFields;
import io.opentelemetry.api.trace.Span;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/** The log line of a model or embedding call carries that call's span, not only its request's. */
final class CallLog {
  private CallLog() {}

  static void inSpan(Span span, Runnable log) {
    Map<String, String> current = MDC.getCopyOfContextMap();
    Map<String, String> values = current == null ? new HashMap<>() : new HashMap<>(current);
    values.put(LogFields.TRACE_ID, span.getSpanContext().getTraceId());
    values.put(LogFields.SPAN_ID, span.getSpanContext().getSpanId());
    RequestContexts.withMdc(values, log);
  }
}
