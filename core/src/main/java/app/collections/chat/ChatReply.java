package app.collections.chat;

import app.collections.agent.AgentStep;
import app.collections.items.Item;
import java.util.List;

/** The result of {@code sendChatMessage}. */
public record ChatReply(ChatSession session, String reply, List<Item> citedItems, List<AgentStep> steps) {
  public ChatReply {
    citedItems = List.copyOf(citedItems);
    steps = List.copyOf(steps);
  }
}
