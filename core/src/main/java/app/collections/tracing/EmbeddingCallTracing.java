package app.collections.tracing;

import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One span per embedding call (a query, or a batch of documents), named and attributed as the
 * GenAI conventions name an embeddings call, current while it runs so Voyage's request carries it.
 * A keyed provider's call is also logged at INFO with its tokens and time (what it costs); the
 * in-process model's only at DEBUG, since every search embeds its query and a line per search
 * would bury the rest.
 */
public final class EmbeddingCallTracing {
  static final AttributeKey<Long> INPUTS = AttributeKey.longKey("collections.embedding.inputs");

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCallTracing.class);

  private EmbeddingCallTracing() {}

  /** Where the vectors are computed: a keyed provider over HTTP, or this process. */
  public enum Where { REMOTE, IN_PROCESS }

  public static <T> T call(String provider, String model, Where where, int inputs, Supplier<Response<T>> call) {
    Span span = Tracing.startClient("embeddings " + model);
    span.setAttribute(ModelCallTracing.OPERATION, "embeddings");
    span.setAttribute(ModelCallTracing.PROVIDER, provider);
    span.setAttribute(ModelCallTracing.REQUEST_MODEL, model);
    span.setAttribute(INPUTS, (long) inputs);
    long started = System.nanoTime();
    try (Scope ignored = span.makeCurrent()) {
      Response<T> response = call.get();
      TokenUsage usage = response.tokenUsage();
      Long tokens = usage == null || usage.inputTokenCount() == null ? null : usage.inputTokenCount().longValue();
      if (tokens != null) {
        span.setAttribute(ModelCallTracing.INPUT_TOKENS, tokens);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      CallLog.inSpan(span, () -> {
        if (where == Where.REMOTE) {
          LOG.info("model call embeddings {} {}: {} inputs, {} input tokens, {} ms", provider, model, inputs, tokens, millis);
        } else {
          LOG.debug("model call embeddings {} {}: {} inputs, {} ms", provider, model, inputs, millis);
        }
      });
      return response.content();
    } catch (RuntimeException e) {
      Tracing.failed(span, e);
      long millis = (System.nanoTime() - started) / 1_000_000;
      CallLog.inSpan(span, () -> LOG.warn("model call embeddings {} {} failed after {} ms: {}", provider, model, millis, e.toString()));
      throw e;
    } finally {
      span.end();
    }
  }
}
