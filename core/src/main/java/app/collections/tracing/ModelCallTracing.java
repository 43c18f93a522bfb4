package app.collections.tracing;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One span and one log line per call to a chat model (the agent's turns and answers, the vision
 * analyses): provider, model, input and output tokens, finish reason and time, named as
 * OpenTelemetry's GenAI conventions name them, so a trace shows where a slow or costly turn spent
 * its time and tokens. This is what the prototype's LangSmith tracing gave, without a second
 * tracing system. The span is current while the call runs, so the provider's HTTP request carries
 * it as {@code traceparent} ({@link Tracing#outgoingHeaders()} as the model's custom headers).
 *
 * <p>langchain4j calls {@code onRequest} and then {@code onResponse} or {@code onError} on the
 * calling thread, around its HTTP call and its retries, which is what makes the scope safe to open
 * in one and close in the other.
 */
public final class ModelCallTracing implements ChatModelListener {
  /** The one instance: it keeps nothing between calls but what langchain4j's attributes hold. */
  public static final ModelCallTracing LISTENER = new ModelCallTracing();

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");

  private static final Logger LOG = LoggerFactory.getLogger(ModelCallTracing.class);
  private static final String CALL = ModelCallTracing.class.getName() + ".call";

  private ModelCallTracing() {}

  /** What one call holds between its request and its end. */
  private record Call(Span span, Scope scope, String provider, String model, long startedNanos) {}

  @Override
  public void onRequest(ChatModelRequestContext context) {
    ChatRequest request = context.chatRequest();
    String provider = provider(context.modelProvider());
    String model = request.modelName() == null ? "unknown" : request.modelName();
    Span span = Tracing.startClient("chat " + model);
    span.setAttribute(OPERATION, "chat");
    span.setAttribute(PROVIDER, provider);
    span.setAttribute(REQUEST_MODEL, model);
    if (request.maxOutputTokens() != null) {
      span.setAttribute(MAX_TOKENS, (long) request.maxOutputTokens());
    }
    context.attributes().put(CALL, new Call(span, span.makeCurrent(), provider, model, System.nanoTime()));
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    if (!(context.attributes().remove(CALL) instanceof Call call)) {
      return;
    }
    ChatResponse response = context.chatResponse();
    TokenUsage usage = response.tokenUsage();
    Long input = usage == null || usage.inputTokenCount() == null ? null : usage.inputTokenCount().longValue();
    Long output = usage == null || usage.outputTokenCount() == null ? null : usage.outputTokenCount().longValue();
    String finish = response.finishReason() == null ? "unknown" : response.finishReason().name().toLowerCase(Locale.ROOT);
    if (response.modelName() != null) {
      call.span().setAttribute(RESPONSE_MODEL, response.modelName());
    }
    if (input != null) {
      call.span().setAttribute(INPUT_TOKENS, input);
    }
    if (output != null) {
      call.span().setAttribute(OUTPUT_TOKENS, output);
    }
    call.span().setAttribute(FINISH_REASONS, List.of(finish));
    end(call, () -> LOG.info("model call chat {} {}: {} input tokens, {} output tokens, finish {}, {} ms",
        call.provider(), call.model(), input, output, finish, millis(call)));
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    if (!(context.attributes().remove(CALL) instanceof Call call)) {
      return;
    }
    Throwable error = context.error();
    Tracing.failed(call.span(), error);
    // The message, not the stack: the caller logs or maps the failure it leads to.
    end(call, () -> LOG.warn("model call chat {} {} failed after {} ms: {}", call.provider(), call.model(),
        millis(call), error.toString()));
  }

  /** Logs in this call's span (a worker's call has no request in the MDC), then ends it. */
  private static void end(Call call, Runnable log) {
    try {
      CallLog.inSpan(call.span(), log);
    } finally {
      call.span().end();
      call.scope().close();
    }
  }

  private static long millis(Call call) {
    return (System.nanoTime() - call.startedNanos()) / 1_000_000;
  }

  /** The GenAI conventions' provider names (gen_ai.provider.name). */
  private static String provider(ModelProvider provider) {
    if (provider == null) {
      return "unknown";
    }
    return switch (provider) {
      case ANTHROPIC -> "anthropic";
      case OPEN_AI -> "openai";
      case VOYAGE_AI -> "voyage_ai";
      default -> provider.name().toLowerCase(Locale.ROOT);
    };
  }
}
