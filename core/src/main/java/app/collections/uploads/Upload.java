package app.collections.uploads;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A presigned upload; completing it makes the item with the same id (or finds its duplicate). */
public record Upload(
    UUID id,
    String filename,
    String contentType,
    long byteSize,
    String objectKey,
    UUID itemId,
    OffsetDateTime expiresAt,
    OffsetDateTime completedAt) {}
