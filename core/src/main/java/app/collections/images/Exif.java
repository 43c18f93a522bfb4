package app.collections.images;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What a camera wrote about a photo that matters here: how to turn it upright, when it was taken
 * (with the offset of its clock, when EXIF 2.31's OffsetTimeOriginal is there) and where (GPS).
 * Screenshots usually carry none of it; a damaged or missing block reads as {@link #NONE}.
 *
 * @param orientation EXIF orientation, 1 (upright) to 8
 * @param takenAt the camera's clock at capture, or null
 * @param offset that clock's offset from UTC, or null when the file does not say
 */
public record Exif(int orientation, LocalDateTime takenAt, ZoneOffset offset, Double latitude, Double longitude) {
  public static final Exif NONE = new Exif(1, null, null, null, null);
  /** EXIF's own date format: "2025:07:14 18:30:05". */
  private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

  public Exif {
    if (orientation < 1 || orientation > 8) {
      orientation = 1;
    }
  }

  /** Reads the bytes' EXIF (JPEG, PNG, WebP, HEIC); {@link #NONE} when there is none or it cannot be read. */
  public static Exif read(byte[] bytes) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
    } catch (Exception e) {
      return NONE;
    }
    int orientation = 1;
    ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    if (ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
      Integer value = ifd0.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
      orientation = value == null ? 1 : value;
    }
    LocalDateTime takenAt = null;
    ZoneOffset offset = null;
    ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
    if (sub != null) {
      takenAt = time(sub.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL));
      offset = offset(sub.getString(ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL));
    }
    GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
    GeoLocation location = gps == null ? null : gps.getGeoLocation();
    boolean placed = location != null && !location.isZero() && Math.abs(location.getLatitude()) <= 90
        && Math.abs(location.getLongitude()) <= 180;
    return new Exif(orientation, takenAt, offset, placed ? location.getLatitude() : null,
        placed ? location.getLongitude() : null);
  }

  /** True when turning the image upright swaps its width and height (orientations 5 to 8). */
  public boolean transposes() {
    return orientation >= 5;
  }

  /**
   * The capture instant: the camera's clock at its offset, or read as UTC when the file gives no
   * offset (most cameras before 2016 and many apps write none; the wall time is then kept as is).
   */
  public OffsetDateTime takenAtInstant() {
    return takenAt == null ? null : takenAt.atOffset(offset == null ? ZoneOffset.UTC : offset);
  }

  public boolean hasPosition() {
    return latitude != null && longitude != null;
  }

  private static LocalDateTime time(String value) {
    if (value == null || value.isBlank() || value.startsWith("0000")) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.strip().substring(0, Math.min(19, value.strip().length())), EXIF_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ZoneOffset offset(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZoneOffset.of(value.strip());
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
