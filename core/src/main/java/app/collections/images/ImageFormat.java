package app.collections.images;

import java.util.Arrays;
import java.util.Optional;

/** The image formats Collections accepts, told apart by their first bytes, not by a claimed type. */
public enum ImageFormat {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  GIF("image/gif", "gif"),
  WEBP("image/webp", "webp"),
  HEIC("image/heic", "heic");

  /**
   * Why HEIC is refused, and what to send instead (README, "HEIC"): no decoder for it runs in this
   * JVM (the JDK, TwelveMonkeys and Maven Central have none in Java; libheif is native code the
   * Lambda runtime lacks), and an iPhone hands out JPEG when asked.
   */
  public static final String HEIC_REFUSED = "HEIC images (the iPhone's default) cannot be read here: send a JPEG."
      + " On an iPhone, Settings > Camera > Formats > Most Compatible takes JPEGs, and a photo shared or picked"
      + " for an upload from Photos is converted to JPEG";

  private final String contentType;
  private final String extension;

  ImageFormat(String contentType, String extension) {
    this.contentType = contentType;
    this.extension = extension;
  }

  public String contentType() {
    return contentType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ImageFormat> ofContentType(String contentType) {
    String normalized = contentType == null ? "" : contentType.strip().toLowerCase(java.util.Locale.ROOT);
    if (normalized.equals("image/jpg") || normalized.equals("image/pjpeg")) {
      return Optional.of(JPEG);
    }
    if (normalized.equals("image/heif")) {
      return Optional.of(HEIC);
    }
    return Arrays.stream(values()).filter(f -> f.contentType.equals(normalized)).findFirst();
  }

  /** The format the bytes are, by their magic numbers. */
  public static Optional<ImageFormat> sniff(byte[] bytes) {
    if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(bytes, 0, 'G', 'I', 'F', '8')) {
      return Optional.of(GIF);
    }
    if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (startsWith(bytes, 4, 'f', 't', 'y', 'p') && bytes.length >= 12) {
      String brand = new String(bytes, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (brand.startsWith("hei") || brand.startsWith("hev") || brand.equals("mif1") || brand.equals("msf1")) {
        return Optional.of(HEIC);
      }
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] bytes, int offset, int... magic) {
    if (bytes.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
