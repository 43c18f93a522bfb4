package app.collections.vision;

import java.util.Locale;

/** Who analyses an image. Stored on each analysis as the lower-case name. */
public enum VisionProvider {
  ANTHROPIC,
  OPENAI,
  /** Offline: image metadata and Tesseract OCR, no model and no key. */
  LOCAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VisionProvider ofId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
