package app.collections.items;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An uploaded image and its state. Its analyses hang off it (see {@code analyses}). */
public record Item(
    UUID id,
    String filename,
    String originalFilename,
    String contentType,
    long byteSize,
    Integer width,
    Integer height,
    ItemStatus status,
    String lastError,
    String category,
    String objectKey,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {}
