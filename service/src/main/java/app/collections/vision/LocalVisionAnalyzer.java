package app.collections.vision;

import app.collections.images.ImageInspector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The offline analyser: Tesseract OCR (Debian's libtesseract through Tess4J) plus the image's own
 * metadata, written in the analysis format with provider {@code local}. No model, so no category or
 * themes; but screenshots of posts are mostly text, and their text is what makes them findable.
 */
public final class LocalVisionAnalyzer implements VisionAnalyzer {
  public static final String MODEL = "tesseract-5";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HEADLINE = 120;

  private final String tessdata;

  public LocalVisionAnalyzer(String tessdata) {
    this.tessdata = tessdata;
  }

  @Override
  public VisionProvider provider() {
    return VisionProvider.LOCAL;
  }

  @Override
  public String defaultModel() {
    return MODEL;
  }

  @Override
  public VisionResult analyze(byte[] image, String contentType, String model) throws VisionException {
    long started = System.nanoTime();
    String text = ocr(image);
    List<String> lines = Arrays.stream(text.split("\\R")).map(String::strip).filter(LocalVisionAnalyzer::isText).toList();
    ImageInspector.Exif exif = ImageInspector.readExif(image);

    ObjectNode analysis = JSON.createObjectNode();
    analysis.putNull("category");
    analysis.putArray("subcategories");
    String headline = headline(lines);
    analysis.put("headline", headline.length() > MAX_HEADLINE ? headline.substring(0, MAX_HEADLINE) : headline);
    analysis.put("summary", String.join(" ", lines.stream().limit(5).toList()));
    ObjectNode media = analysis.putObject("media_metadata");
    media.putNull("original_poster");
    media.putArray("tagged_accounts");
    ArrayNode places = media.putArray("location_tags");
    if (exif.latitude() != null) {
      places.add("%.5f,%.5f".formatted(exif.latitude(), exif.longitude()));
    }
    media.putNull("audio_source");
    ArrayNode hashtags = media.putArray("hashtags");
    lines.stream().flatMap(l -> Arrays.stream(l.split("\\s+"))).filter(w -> w.startsWith("#") && w.length() > 1)
        .distinct().forEach(hashtags::add);
    ObjectNode details = analysis.putObject("image_details");
    ArrayNode extracted = details.putArray("extracted_text");
    lines.forEach(extracted::add);
    for (String empty : List.of("objects", "themes", "emotions", "vibes", "visual_hierarchy")) {
      details.putArray(empty);
    }
    details.putNull("likely_source");
    details.putNull("key_interest");
    if (exif.takenAt() != null) {
      analysis.put("taken_at", exif.takenAt().toString());
    }
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    return new VisionResult(analysis, text, VisionProvider.LOCAL, MODEL, null, null, latencyMs);
  }

  /** The first line that reads like a title: two real words, not the phone's status bar. */
  static String headline(List<String> lines) {
    return lines.stream()
        .filter(l -> !STATUS_BAR.matcher(l).find())
        .filter(l -> WORD.matcher(l).results().count() >= 2)
        .findFirst()
        .orElse(lines.isEmpty() ? "Image without text" : lines.get(0));
  }

  private static final java.util.regex.Pattern STATUS_BAR = java.util.regex.Pattern.compile("^\\d{1,2}:\\d{2}\\b");

  /**
   * OCR over photos yields lines of noise ("$ ae al * a ? — +"): keep lines that are mostly letters,
   * digits and spaces and hold at least one real word.
   */
  static boolean isText(String line) {
    if (line.length() < 3 || !WORD.matcher(line).find()) {
      return false;
    }
    long plain = line.chars().filter(c -> Character.isLetterOrDigit(c) || c == ' ').count();
    return plain >= line.length() * 0.75;
  }

  private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("\\p{L}{3,}");

  private String ocr(byte[] image) throws VisionException {
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new VisionException("The image could not be decoded for OCR", false, e);
    }
    if (decoded == null) {
      throw new VisionException("The image could not be decoded for OCR", false, null);
    }
    try {
      return TesseractOcr.read(decoded, tessdata);
    } catch (LinkageError e) {
      // The Lambda jar leaves Tess4J out: there OCR is missing rather than the whole analyser.
      throw new VisionException("OCR failed: " + e, false, e);
    }
  }
}
