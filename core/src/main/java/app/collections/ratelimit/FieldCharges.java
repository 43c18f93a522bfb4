package app.collections.ratelimit;

import java.util.Map;

/**
 * What each field takes from the buckets, besides the request's own token. The one place that
 * knows which fields cost a search or a model call; the count before execution and the refusal of a
 * field both read it.
 */
final class FieldCharges {
  private FieldCharges() {}

  static Charge of(String typeName, String fieldName, Map<String, Object> arguments) {
    if ("Query".equals(typeName) && "search".equals(fieldName)) {
      // A search embeds its query (BM25 excepted, but it is charged alike: one rule a client can
      // predict); AGENTIC plans with an LLM, and answer: true writes with one.
      int modelCalls = ("AGENTIC".equals(String.valueOf(arguments.get("mode"))) ? 1 : 0)
          + (Boolean.TRUE.equals(arguments.get("answer")) ? 1 : 0);
      return new Charge(1, modelCalls);
    }
    if ("Mutation".equals(typeName) && "sendChatMessage".equals(fieldName)) {
      // One turn; its tool calls' searches are the agent's, bounded by agent.maxToolCalls.
      return new Charge(0, 1);
    }
    return Charge.NONE;
  }
}
