package app.collections.agent;

import app.collections.vision.VisionConfiguration;
import app.collections.lazy.Lazy;
import app.collections.tracing.ModelCallTracing;
import app.collections.tracing.Tracing;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Optional;

/** Builds the agent's chat model from the configured provider keys, if there is one. */
public final class AgentModels {
  static final String ANTHROPIC_MODEL = "claude-sonnet-4-5";
  static final String OPENAI_MODEL = "gpt-4o";
  private static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";
  private static final String OPENAI_URL = "https://api.openai.com/v1";

  private AgentModels() {}

  /** The model, built at its first call (a chat turn or an answer): most requests make none. */
  public static Optional<ChatModel> create(AgentConfiguration agent, VisionConfiguration vision) {
    VisionConfiguration.Provider anthropic = vision.getAnthropic();
    VisionConfiguration.Provider openai = vision.getOpenai();
    AgentConfiguration.Provider chosen = agent.getProvider() != null ? agent.getProvider()
        : anthropic.configured() ? AgentConfiguration.Provider.ANTHROPIC
        : openai.configured() ? AgentConfiguration.Provider.OPENAI
        : null;
    // The HTTP timeout is the turn's: one slow call may use the whole turn, never more.
    Duration timeout = agent.getTurnTimeout().toJavaDuration();
    if (chosen == AgentConfiguration.Provider.ANTHROPIC && anthropic.configured()) {
      return Optional.of(Lazy.of(ChatModel.class, () -> AnthropicChatModel.builder().apiKey(anthropic.getApiKey())
          .baseUrl(or(anthropic.getBaseUrl(), ANTHROPIC_URL))
          .modelName(or(agent.getModel(), ANTHROPIC_MODEL))
          .maxTokens(agent.getMaxOutputTokens()).temperature(0.0).timeout(timeout).maxRetries(1)
          .listeners(ModelCallTracing.LISTENER).customHeaders(Tracing::outgoingHeaders).build()));
    }
    if (chosen == AgentConfiguration.Provider.OPENAI && openai.configured()) {
      return Optional.of(Lazy.of(ChatModel.class, () -> OpenAiChatModel.builder().apiKey(openai.getApiKey())
          .baseUrl(or(openai.getBaseUrl(), OPENAI_URL))
          .modelName(or(agent.getModel(), OPENAI_MODEL))
          .maxTokens(agent.getMaxOutputTokens()).temperature(0.0).timeout(timeout).maxRetries(1)
          .listeners(ModelCallTracing.LISTENER).customHeaders(Tracing::outgoingHeaders).build()));
    }
    return Optional.empty();
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
