package app.collections.tracing;

import app.collections.logging.LogFields;
import io.opentelemetry.api.trace.Span;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/** A model or embedding call's log line, and a job's, carry that call's or job's span, not only its request's. */
final class CallLog {
  private CallLog() {}

  static void inSpan(Span span, Runnable log) {
    RequestContexts.withMdc(mdcIn(span), log);
  }

  /** The MDC as it is, with the span's trace and span ids in place of any others. */
  static Map<String, String> mdcIn(Span span) {
    Map<String, String> current = MDC.getCopyOfContextMap();
    Map<String, String> values = current == null ? new HashMap<>() : new HashMap<>(current);
    values.put(LogFields.TRACE_ID, span.getSpanContext().getTraceId());
    values.put(LogFields.SPAN_ID, span.getSpanContext().getSpanId());
    return values;
  }
}
