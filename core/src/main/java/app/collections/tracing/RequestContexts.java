package app.collections.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Hands a request's context to the threads that do its work: the current span (the parent of any
 * model or embedding call made there) and the MDC (its trace, tenant hash and operation in every
 * log line). The GraphQL execution runs on a virtual thread of its own, HYBRID embeds its query on
 * another, and a chat turn writes its checkpoint on a third: without this their lines and calls
 * belonged to no request.
 */
public final class RequestContexts {
  private RequestContexts() {}

  /** An executor that runs each task in the context of the thread that submitted it. */
  public static Executor propagating(Executor executor) {
    return task -> executor.execute(wrap(task));
  }

  /** The task, to run in the context current now. */
  public static Runnable wrap(Runnable task) {
    Context context = Context.current();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    return () -> {
      try (Scope ignored = context.makeCurrent()) {
        withMdc(mdc, task);
      }
    };
  }

  /** Runs the task with exactly these MDC values (null: none), then puts back what was there. */
  static void withMdc(Map<String, String> values, Runnable task) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    setMdc(values);
    try {
      task.run();
    } finally {
      setMdc(before);
    }
  }

  private static void setMdc(Map<String, String> values) {
    if (values == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(values);
    }
  }
}
