package app.collections.vision;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claude or GPT-4o through langchain4j: the image and {@link AnalysisFormat#PROMPT} in, a strictly
 * parsed analysis out. A reply that is not an analysis is asked for once more, then fails.
 * Failed calls are classified ({@link ProviderFailure}), not retried here: the job queue retries
 * what can succeed later with backoff, so a rate-limited provider never ties up a worker, and fails
 * at once what the provider refused.
 */
public final class LlmVisionAnalyzer implements VisionAnalyzer {
  private static final Logger LOG = LoggerFactory.getLogger(LlmVisionAnalyzer.class);
  private static final int MAX_OUTPUT_TOKENS = 4096;

  private final VisionProvider provider;
  private final ChatModel model;
  private final String defaultModel;

  public LlmVisionAnalyzer(VisionProvider provider, ChatModel model, String defaultModel) {
    this.provider = provider;
    this.model = model;
    this.defaultModel = defaultModel;
  }

  @Override
  public VisionProvider provider() {
    return provider;
  }

  @Override
  public String defaultModel() {
    return defaultModel;
  }

  @Override
  public VisionResult analyze(byte[] image, String contentType, String modelName) throws VisionException {
    String chosen = modelName == null ? defaultModel : modelName;
    ChatRequest request = ChatRequest.builder()
        .messages(UserMessage.from(
            ImageContent.from(Base64.getEncoder().encodeToString(image), contentType),
            TextContent.from(AnalysisFormat.PROMPT)))
        .modelName(chosen)
        .maxOutputTokens(MAX_OUTPUT_TOKENS)
        .temperature(0.0)
        .build();
    MalformedAnalysisException lastMalformed = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      long started = System.nanoTime();
      ChatResponse response = call(request);
      long latencyMs = (System.nanoTime() - started) / 1_000_000;
      String reply = response.aiMessage() == null ? null : response.aiMessage().text();
      try {
        TokenUsage usage = response.tokenUsage();
        return new VisionResult(AnalysisFormat.parse(reply), reply, provider, chosen,
            usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(), latencyMs);
      } catch (MalformedAnalysisException e) {
        lastMalformed = e;
        LOG.warn("{} {} replied with no valid analysis (attempt {}): {}", provider.id(), chosen, attempt, e.getMessage());
      }
    }
    throw new VisionException("The model's reply was not a valid analysis: " + lastMalformed.getMessage(), false, lastMalformed);
  }

  private ChatResponse call(ChatRequest request) throws VisionException {
    try {
      return model.chat(request);
    } catch (RuntimeException e) {
      ProviderFailure failure = ProviderFailure.of(provider, e);
      throw new VisionException(failure.message(), failure.retryable(), e);
    }
  }
}
