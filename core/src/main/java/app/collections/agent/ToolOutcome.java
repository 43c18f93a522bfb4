package app.collections.agent;

import java.util.List;
import java.util.UUID;

/** What a tool call gave the model ({@code text}), the items in it, and a line for the client. */
public record ToolOutcome(String text, List<UUID> itemIds, String summary) {
  public ToolOutcome {
    itemIds = List.copyOf(itemIds);
  }

  static ToolOutcome error(String message) {
    return new ToolOutcome("error: " + message, List.of(), message);
  }
}
