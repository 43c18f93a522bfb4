package app.collections.items;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.mapper.Nested;

/**
 * An uploaded image and its state. Its analyses hang off it (see {@code analyses}). Its derived
 * images, capture time and place are null until the DERIVE job made them (seconds after upload).
 */
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
    OffsetDateTime updatedAt,
    @Nested("thumbnail") StoredImage thumbnail,
    @Nested("preview") StoredImage preview,
    @Nested("taken") CaptureTime taken,
    @Nested("location") Location location) {

  /** When it was taken, at the camera's offset (UTC when the file gave none); null when unknown. */
  public OffsetDateTime takenAt() {
    return taken == null ? null : taken.local();
  }

  /** A derived image as stored: its size, so a grid can be laid out before the bytes arrive. */
  @org.jdbi.v3.core.mapper.PropagateNull("width")
  public record StoredImage(Integer width, Integer height, Integer byteSize) {}

  /** The capture instant and the offset the camera wrote, in minutes east of UTC (null: none written). */
  @org.jdbi.v3.core.mapper.PropagateNull("at")
  public record CaptureTime(OffsetDateTime at, Integer offsetMinutes) {
    public OffsetDateTime local() {
      return at.withOffsetSameInstant(offsetMinutes == null ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }
  }
}
