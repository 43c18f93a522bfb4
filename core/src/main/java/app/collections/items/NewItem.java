package app.collections.items;

import java.util.UUID;

/**
 * What it takes to create an item; the database fills in status and timestamps. {@code objectKey}
 * and {@code sha256} name the stored bytes (null only for items made without an image, in tests).
 */
public record NewItem(
    UUID id,
    String filename,
    String originalFilename,
    String contentType,
    long byteSize,
    Integer width,
    Integer height,
    String objectKey,
    byte[] sha256) {}
