package app.collections.chat;

import java.time.Instant;
import java.util.Map;

/** One saved state of a conversation's thread, numbered from 1 in the order it was written. */
public record Checkpoint(long number, String state, Map<String, String> metadata, Instant createdAt) {
  public Checkpoint {
    metadata = Map.copyOf(metadata);
  }
}
