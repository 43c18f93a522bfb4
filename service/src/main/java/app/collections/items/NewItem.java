package app.collections.items;

import java.util.UUID;

/** What it takes to create an item; the database fills in status and timestamps. */
public record NewItem(
    UUID id,
    String filename,
    String originalFilename,
    String contentType,
    long byteSize,
    Integer width,
    Integer height) {}
