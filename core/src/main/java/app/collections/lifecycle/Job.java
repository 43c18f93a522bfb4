package app.collections.lifecycle;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One unit of pipeline work (analysis or embedding), as claimed by a worker ({@code attempts} counts this one). */
public record Job(
    UUID id,
    String userId,
    UUID itemId,
    String kind,
    String status,
    String provider,
    String model,
    int attempts,
    int maxAttempts,
    String lastError,
    OffsetDateTime runAfter) {
  public static final String ANALYZE = "ANALYZE";
  /** Embeds the item's indexed document; queued by a successful analysis. */
  public static final String EMBED = "EMBED";
  /** Makes the item's renditions and reads its capture facts ({@link DeriveStep}); queued with a new item. */
  public static final String DERIVE = "DERIVE";
}
