package app.collections.pipeline;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One unit of analysis work, as claimed by a worker ({@code attempts} counts this one). */
public record Job(
    UUID id,
    String userId,
    UUID itemId,
    String status,
    String provider,
    String model,
    int attempts,
    int maxAttempts,
    String lastError,
    OffsetDateTime runAfter) {}
