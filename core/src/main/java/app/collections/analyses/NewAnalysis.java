package app.collections.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/** An analysis about to be stored; its version is the item's next one. */
public record NewAnalysis(
    UUID id,
    UUID itemId,
    String provider,
    String model,
    String category,
    List<String> subcategories,
    String headline,
    String summary,
    JsonNode raw,
    String rawReply,
    Integer inputTokens,
    Integer outputTokens,
    Integer latencyMs) {

  public NewAnalysis {
    subcategories = subcategories == null ? List.of() : List.copyOf(subcategories);
  }

  /** Bound as a Postgres {@code text[]}. */
  public String[] subcategoryArray() {
    return subcategories.toArray(String[]::new);
  }

  /** Bound as text and cast to {@code jsonb} in SQL. */
  public String rawJson() {
    return raw.toString();
  }
}
