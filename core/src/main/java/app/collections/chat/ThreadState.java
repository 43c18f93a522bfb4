package app.collections.chat;

import app.collections.agent.AgentStep;
import app.collections.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.data.message.UserMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a checkpoint holds: the thread as the model sees it (langchain4j's own message JSON), how
 * many messages the conversation has had in all, and the latest turn's cited items and steps.
 */
record ThreadState(List<ChatMessage> messages, int messageCount, List<UUID> citedItemIds, List<AgentStep> steps) {
  static final ThreadState EMPTY = new ThreadState(List.of(), 0, List.of(), List.of());
  static final String INTERRUPTED = "(This reply was interrupted before it finished.)";

  ThreadState {
    messages = List.copyOf(messages);
    citedItemIds = List.copyOf(citedItemIds);
    steps = List.copyOf(steps);
  }

  String toJson() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    try {
      node.set("messages", Json.MAPPER.readTree(ChatMessageSerializer.messagesToJson(messages)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    node.put("messageCount", messageCount);
    ArrayNode cited = node.putArray("citedItemIds");
    citedItemIds.forEach(id -> cited.add(id.toString()));
    node.set("steps", Json.MAPPER.valueToTree(steps));
    return node.toString();
  }

  static ThreadState fromJson(String json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      List<UUID> cited = new ArrayList<>();
      node.path("citedItemIds").forEach(id -> cited.add(UUID.fromString(id.asText())));
      List<AgentStep> steps = new ArrayList<>();
      node.path("steps").forEach(s -> steps.add(new AgentStep(s.path("tool").asText(), s.path("input").asText(),
          s.path("summary").asText(), s.path("tookMs").asDouble())));
      return new ThreadState(ChatMessageDeserializer.messagesFromJson(node.path("messages").toString()),
          node.path("messageCount").asInt(), cited, steps);
    } catch (IOException e) {
      throw new UncheckedIOException("a checkpoint's state is not a thread", e);
    }
  }

  /**
   * The thread ready for a new user message: a turn that died half way (its last message is the
   * user's or a tool's) is closed with a note, since the model expects its answer before the next
   * question.
   */
  List<ChatMessage> closed() {
    if (messages.isEmpty() || messages.getLast() instanceof AiMessage ai && !ai.hasToolExecutionRequests()) {
      return messages;
    }
    List<ChatMessage> closed = new ArrayList<>(messages);
    closed.add(AiMessage.from(INTERRUPTED));
    return closed;
  }

  /**
   * The newest messages, at most {@code max}, cut at the start of a turn (a user's message) so no
   * tool result loses its request. A single turn longer than {@code max} is kept whole.
   */
  static List<ChatMessage> window(List<ChatMessage> messages, int max) {
    if (messages.size() <= max) {
      return messages;
    }
    int lastUser = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof UserMessage) {
        if (messages.size() - i <= max) {
          return List.copyOf(messages.subList(i, messages.size()));
        }
        lastUser = i;
      }
    }
    return lastUser < 0 ? messages : List.copyOf(messages.subList(lastUser, messages.size()));
  }
}
