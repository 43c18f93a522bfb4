package app.collections.items;

import java.time.OffsetDateTime;

/**
 * What the DERIVE job learnt of an item's image, written in one statement: its derived images'
 * sizes, when it was taken (with the camera's offset, when it wrote one) and where.
 */
public record DerivedFacts(Item.StoredImage thumbnail, Item.StoredImage preview, OffsetDateTime takenAt,
    Integer takenOffsetMinutes, Location location) {

  public Integer thumbnailWidth() {
    return thumbnail.width();
  }

  public Integer thumbnailHeight() {
    return thumbnail.height();
  }

  public Integer thumbnailByteSize() {
    return thumbnail.byteSize();
  }

  public Integer previewWidth() {
    return preview.width();
  }

  public Integer previewHeight() {
    return preview.height();
  }

  public Integer previewByteSize() {
    return preview.byteSize();
  }

  public Double latitude() {
    return location == null ? null : location.latitude();
  }

  public Double longitude() {
    return location == null ? null : location.longitude();
  }

  public String city() {
    return location == null ? null : location.city();
  }

  public String region() {
    return location == null ? null : location.region();
  }

  public String country() {
    return location == null ? null : location.country();
  }

  public String countryCode() {
    return location == null ? null : location.countryCode();
  }

  /** {@link Location#keys}, as the column stores them. */
  public String[] locationKeys() {
    return location == null ? null : location.keys().toArray(String[]::new);
  }
}
