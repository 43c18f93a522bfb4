package app.collections.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One version of a vision model's analysis of an item, in the format of the prototype's golden
 * analyses. {@code raw} is the whole reply; the other fields are the columns search needs.
 */
public record Analysis(
    UUID id,
    UUID itemId,
    int version,
    String provider,
    String model,
    String category,
    List<String> subcategories,
    String headline,
    String summary,
    JsonNode raw,
    OffsetDateTime createdAt) {

  public Analysis {
    subcategories = subcategories == null ? List.of() : List.copyOf(subcategories);
  }
}
