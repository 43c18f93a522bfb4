package app.collections.vision;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A validated analysis in the golden format, with what it cost and how long it took. */
public record VisionResult(
    ObjectNode analysis,
    String rawReply,
    VisionProvider provider,
    String model,
    Integer inputTokens,
    Integer outputTokens,
    long latencyMs) {}
