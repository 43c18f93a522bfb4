package app.collections.tracing;

import app.collections.auth.Tenant;
import app.collections.logging.LogFields;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;

/**
 * A job (an item's analysis, its embedding) has no caller: each run is a trace of its own, whose
 * span is the parent of the model and embedding calls it makes, and whose trace id, span id and
 * tenant hash are in the MDC of every line it logs, as a request's are. So an operator reading
 * "Analysed item ..." finds the vision call's tokens and time by the same trace id.
 */
public final class JobTracing {
  static final AttributeKey<String> KIND = AttributeKey.stringKey("collections.job.kind");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("collections.job.attempt");

  private JobTracing() {}

  public static void run(String kind, int attempt, Tenant tenant, Runnable work) {
    Span span = Tracing.start("job " + kind, SpanKind.INTERNAL, Context.root());
    span.setAttribute(KIND, kind);
    span.setAttribute(ATTEMPT, (long) attempt);
    Map<String, String> mdc = CallLog.mdcIn(span);
    mdc.put(LogFields.TENANT, LogFields.tenantHash(tenant));
    try (Scope ignored = span.makeCurrent()) {
      RequestContexts.withMdc(mdc, work);
    } catch (RuntimeException e) {
      Tracing.failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }
}
