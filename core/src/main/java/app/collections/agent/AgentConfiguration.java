package app.collections.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The chat agent's model and limits. It uses the vision providers' keys and endpoints
 * ({@code vision.anthropic}, {@code vision.openai}): Claude when its key is set, else GPT-4o, else
 * no agent (chat, AGENTIC search and search answers then say PROVIDER_NOT_CONFIGURED).
 */
public class AgentConfiguration {
  public enum Provider { ANTHROPIC, OPENAI }

  /** Overrides the choice by key. */
  private Provider provider;
  /** A model of the chosen provider; unset means claude-sonnet-4-5 or gpt-4o. */
  private String model;
  /** Tool calls one turn may make; the model is then asked to answer with what it has. */
  @Min(1) @Max(20) private int maxToolCalls = 6;
  /** A turn's whole budget, model calls and tools together. */
  @NotNull private Duration turnTimeout = Duration.seconds(60);
  @Min(1) @Max(100_000) private int maxMessageLength = 4000;
  /**
   * Messages (user, assistant and tool ones) a conversation keeps and sends to the model; older
   * turns are dropped whole, so a long session's state stays bounded.
   */
  @Min(4) @Max(500) private int historyMessages = 40;
  @Min(64) @Max(16_384) private int maxOutputTokens = 1024;
  /** Tavily's key: with it, the agent may search the web. */
  private String tavilyApiKey;

  @JsonProperty public Provider getProvider() { return provider; }
  @JsonProperty public void setProvider(Provider provider) { this.provider = provider; }
  @JsonProperty public String getModel() { return model; }
  @JsonProperty public void setModel(String model) { this.model = model == null || model.isBlank() ? null : model; }
  @JsonProperty public int getMaxToolCalls() { return maxToolCalls; }
  @JsonProperty public void setMaxToolCalls(int maxToolCalls) { this.maxToolCalls = maxToolCalls; }
  @JsonProperty public Duration getTurnTimeout() { return turnTimeout; }
  @JsonProperty public void setTurnTimeout(Duration turnTimeout) { this.turnTimeout = turnTimeout; }
  @JsonProperty public int getMaxMessageLength() { return maxMessageLength; }
  @JsonProperty public void setMaxMessageLength(int maxMessageLength) { this.maxMessageLength = maxMessageLength; }
  @JsonProperty public int getHistoryMessages() { return historyMessages; }
  @JsonProperty public void setHistoryMessages(int historyMessages) { this.historyMessages = historyMessages; }
  @JsonProperty public int getMaxOutputTokens() { return maxOutputTokens; }
  @JsonProperty public void setMaxOutputTokens(int maxOutputTokens) { this.maxOutputTokens = maxOutputTokens; }
  @JsonProperty public String getTavilyApiKey() { return tavilyApiKey; }
  @JsonProperty public void setTavilyApiKey(String key) { this.tavilyApiKey = key == null || key.isBlank() ? null : key; }
}
