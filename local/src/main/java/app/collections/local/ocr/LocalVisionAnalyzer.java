package app.collections.local.ocr;

import app.collections.vision.VisionAnalyzer;

import app.collections.vision.VisionProvider;

import app.collections.vision.VisionException;

import app.collections.vision.VisionResult;

import app.collections.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The offline analyser: Tesseract OCR (Debian's libtesseract through Tess4J) plus the image's own
 * metadata, written in the analysis format with provider {@code local}. OCR's layout (word
 * confidences, lines, text sizes) separates the post from the app around it ({@link OcrText}); a
 * second pass reads the white overlay text that the first misses ({@link WhiteTextMask});
 * hashtags, handles, links, prices, dates and places are read from the text by pattern; the
 * category is the nearest description to the text by the embedding model ({@link ZeroShotCategories}).
 */
public final class LocalVisionAnalyzer implements VisionAnalyzer {
  public static final String MODEL = "tesseract-5";
  /** Characters of the post's text in the summary (the gist that VECTOR embeds beside the whole body). */
  static final int MAX_SUMMARY = 400;

  private final String tessdata;
  private final String languages;
  private final ZeroShotCategories categories;
  private final Path ocrCache;

  /**
   * {@code languages} as Tesseract takes them ("eng+jpn+kor"); those without data in
   * {@code tessdata} are left out. {@code categories} null: no category. {@code ocrCache} (a
   * development aid, null in production) keeps Tesseract's output by image hash and languages.
   */
  public LocalVisionAnalyzer(String tessdata, String languages, ZeroShotCategories categories, Path ocrCache) {
    this.tessdata = tessdata;
    this.languages = installed(tessdata, languages);
    this.categories = categories;
    this.ocrCache = ocrCache;
  }

  /** The offline analyser as the configuration asks; {@code embedder} categorises its text (ZeroShotCategories). */
  public static LocalVisionAnalyzer create(app.collections.vision.VisionConfiguration config,
      app.collections.embeddings.Embedder embedder) {
    return new LocalVisionAnalyzer(config.getTessdata(), config.getOcrLanguages(), new ZeroShotCategories(embedder),
        config.getOcrCacheDir() == null ? null : Path.of(config.getOcrCacheDir()));
  }

  public LocalVisionAnalyzer(String tessdata) {
    this(tessdata, "eng", null, null);
  }

  /** The languages whose traineddata is in {@code tessdata}; English when none is. */
  static String installed(String tessdata, String languages) {
    List<String> present = java.util.Arrays.stream(languages.split("\\+")).map(String::strip)
        .filter(l -> !l.isEmpty() && Files.exists(Path.of(tessdata, l + ".traineddata"))).toList();
    return present.isEmpty() ? "eng" : String.join("+", present);
  }

  public String languages() {
    return languages;
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
    BufferedImage decoded = decode(image);
    OcrLayout plain = OcrLayout.parse(ocr(image, decoded, ""), decoded.getWidth(), decoded.getHeight());
    OcrLayout overlays = OcrLayout.parse(ocr(image, WhiteTextMask.of(decoded), "-white"), decoded.getWidth(),
        decoded.getHeight());
    OcrText text = OcrText.of(plain.plusNewLinesOf(overlays));
    List<String> lines = text.texts();
    String all = String.join("\n", lines);

    ObjectNode analysis = Json.MAPPER.createObjectNode();
    String category = categories == null ? null : categories.categorise(all);
    if (category == null) {
      analysis.putNull("category");
    } else {
      analysis.put("category", category);
    }
    analysis.putArray("subcategories");
    analysis.put("headline", text.headline());
    analysis.put("summary", summary(lines));
    ObjectNode media = analysis.putObject("media_metadata");
    List<String> handles = TextPatterns.find(TextPatterns.HANDLE, all, 0);
    if (handles.isEmpty()) {
      media.putNull("original_poster");
    } else {
      media.put("original_poster", handles.getFirst());
    }
    ArrayNode tagged = media.putArray("tagged_accounts");
    handles.stream().skip(1).forEach(tagged::add);
    ArrayNode places = media.putArray("location_tags");
    // Places read in the text; a photo's GPS place is the item's (DERIVE), and joins its document there.
    TextPatterns.places(all).forEach(places::add);
    media.putNull("audio_source");
    ArrayNode hashtags = media.putArray("hashtags");
    TextPatterns.find(TextPatterns.HASHTAG, all, 0).forEach(hashtags::add);
    ObjectNode details = analysis.putObject("image_details");
    ArrayNode extracted = details.putArray("extracted_text");
    lines.forEach(extracted::add);
    for (String empty : List.of("objects", "themes", "emotions", "vibes", "visual_hierarchy")) {
      details.putArray(empty);
    }
    details.putNull("likely_source");
    details.putNull("key_interest");
    // Not in the labelled format, and kept beside it: what a client may want to act on.
    ArrayNode links = details.putArray("links");
    TextPatterns.find(TextPatterns.URL, all, 1).forEach(links::add);
    ArrayNode prices = details.putArray("prices");
    TextPatterns.find(TextPatterns.PRICE, all, 0).forEach(prices::add);
    ArrayNode dates = details.putArray("dates");
    TextPatterns.find(TextPatterns.DATE, all, 0).forEach(dates::add);
    long latencyMs = (System.nanoTime() - started) / 1_000_000;
    return new VisionResult(analysis, all, VisionProvider.LOCAL, MODEL, null, null, latencyMs);
  }

  /** The post's lines in reading order, up to {@link #MAX_SUMMARY} characters. */
  static String summary(List<String> lines) {
    StringBuilder summary = new StringBuilder();
    for (String line : lines) {
      if (summary.length() + line.length() + 1 > MAX_SUMMARY) {
        break;
      }
      summary.append(summary.isEmpty() ? "" : " ").append(line);
    }
    return summary.toString();
  }

  private static BufferedImage decode(byte[] image) throws VisionException {
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new VisionException("The image could not be decoded for OCR", false, e);
    }
    if (decoded == null) {
      throw new VisionException("The image could not be decoded for OCR", false, null);
    }
    return decoded;
  }

  /** Tesseract's TSV of {@code rendering}, one of the ways {@code image} is shown to it ({@code pass} names it). */
  private String ocr(byte[] image, BufferedImage rendering, String pass) throws VisionException {
    Path cached = ocrCache == null ? null : ocrCache.resolve(sha256(image) + "-" + languages + pass + ".tsv");
    if (cached != null && Files.exists(cached)) {
      try {
        return Files.readString(cached);
      } catch (IOException e) {
        // An unreadable cache entry: OCR again.
      }
    }
    String tsv;
    try {
      tsv = TesseractOcr.tsv(rendering, tessdata, languages);
    } catch (LinkageError e) {
      // The Lambda jar leaves Tess4J out: there OCR is missing rather than the whole analyser.
      throw new VisionException("OCR failed: " + e, false, e);
    }
    if (cached != null) {
      try {
        Files.createDirectories(ocrCache);
        Files.writeString(cached, tsv);
      } catch (IOException e) {
        // The cache is a convenience.
      }
    }
    return tsv;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
