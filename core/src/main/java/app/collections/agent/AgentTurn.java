package app.collections.agent;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A finished turn: the reply, the whole thread after it, the tool calls it made, and the items
 * its tools returned (the only items it can cite).
 */
public record AgentTurn(String reply, List<ChatMessage> messages, List<AgentStep> steps, Set<UUID> seenItemIds) {
  public AgentTurn {
    messages = List.copyOf(messages);
    steps = List.copyOf(steps);
    seenItemIds = Set.copyOf(seenItemIds);
  }
}
