package app.collections.vision;

import app.collections.lazy.Lazy;
import app.collections.tracing.ModelCallTracing;
import app.collections.tracing.Tracing;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The configured analysers, and the choice between them. */
public final class VisionAnalyzers {
  private final Map<VisionProvider, VisionAnalyzer> analyzers;
  private final VisionProvider defaultProvider;

  public VisionAnalyzers(Map<VisionProvider, VisionAnalyzer> analyzers, VisionProvider defaultProvider) {
    this.analyzers = Map.copyOf(analyzers);
    if (!this.analyzers.containsKey(defaultProvider)) {
      throw new IllegalStateException("the default vision provider " + defaultProvider.id() + " is not configured");
    }
    this.defaultProvider = defaultProvider;
  }

  /** The keyed providers only (the Lambda host's: it carries no offline analyser). Models are built at their first analysis. */
  public static VisionAnalyzers create(VisionConfiguration config) {
    return create(config, null);
  }

  /**
   * The keyed providers the configuration has, and {@code offline} (the local host's Tesseract
   * analyser; null where there is none) as the LOCAL provider.
   */
  public static VisionAnalyzers create(VisionConfiguration config, VisionAnalyzer offline) {
    Map<VisionProvider, VisionAnalyzer> analyzers = new EnumMap<>(VisionProvider.class);
    Duration timeout = config.getTimeout().toJavaDuration();
    VisionConfiguration.Provider anthropic = config.getAnthropic();
    if (anthropic.configured()) {
      String model = anthropic.modelOr(VisionConfiguration.ANTHROPIC_MODEL);
      analyzers.put(VisionProvider.ANTHROPIC, new LlmVisionAnalyzer(VisionProvider.ANTHROPIC,
          Lazy.of(ChatModel.class, () -> AnthropicChatModel.builder().apiKey(anthropic.getApiKey())
              .baseUrl(anthropic.baseUrlOr(VisionConfiguration.ANTHROPIC_URL))
              .modelName(model).maxTokens(4096).timeout(timeout).maxRetries(0)
              .listeners(ModelCallTracing.LISTENER).customHeaders(Tracing::outgoingHeaders).build()),
          model));
    }
    VisionConfiguration.Provider openai = config.getOpenai();
    if (openai.configured()) {
      String model = openai.modelOr(VisionConfiguration.OPENAI_MODEL);
      analyzers.put(VisionProvider.OPENAI, new LlmVisionAnalyzer(VisionProvider.OPENAI,
          Lazy.of(ChatModel.class, () -> OpenAiChatModel.builder().apiKey(openai.getApiKey())
              .baseUrl(openai.baseUrlOr(VisionConfiguration.OPENAI_URL))
              .modelName(model).timeout(timeout).maxRetries(0)
              .listeners(ModelCallTracing.LISTENER).customHeaders(Tracing::outgoingHeaders).build()),
          model));
    }
    analyzers.put(VisionProvider.LOCAL, offline != null ? offline : new OfflineUnavailable());
    VisionProvider chosen = config.getDefaultProvider() != null ? config.getDefaultProvider()
        : analyzers.containsKey(VisionProvider.ANTHROPIC) ? VisionProvider.ANTHROPIC
        : analyzers.containsKey(VisionProvider.OPENAI) ? VisionProvider.OPENAI
        : VisionProvider.LOCAL;
    return new VisionAnalyzers(analyzers, chosen);
  }

  public VisionProvider defaultProvider() {
    return defaultProvider;
  }

  /** The analyser for a provider, if it is configured (has its key). */
  public Optional<VisionAnalyzer> get(VisionProvider provider) {
    return Optional.ofNullable(analyzers.get(provider == null ? defaultProvider : provider));
  }
}
