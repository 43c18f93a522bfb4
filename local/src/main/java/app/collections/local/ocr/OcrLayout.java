package app.collections.local.ocr;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tesseract's TSV read back into lines of words with their boxes and confidences, top to bottom.
 * Columns: level, page, block, paragraph, line, word, left, top, width, height, confidence, text;
 * level 5 rows are words (confidence 0-100), the others only group them.
 */
public record OcrLayout(int width, int height, List<Line> lines) {

  /** A recognised word, its box in pixels and Tesseract's confidence (0-100). */
  public record Word(String text, double confidence, int left, int top, int width, int height) {}

  /** A line of words in a block; its height is its tallest word's, the text size that makes it salient. */
  public record Line(int block, int paragraph, List<Word> words) {
    public String text() {
      return String.join(" ", words.stream().map(Word::text).toList());
    }

    public int top() {
      return words.stream().mapToInt(Word::top).min().orElse(0);
    }

    public int left() {
      return words.stream().mapToInt(Word::left).min().orElse(0);
    }

    /** The median word height: one tall glyph (a bracket, an emoji read as a letter) does not make a title. */
    public int textHeight() {
      int[] heights = words.stream().mapToInt(Word::height).sorted().toArray();
      return heights.length == 0 ? 0 : heights[heights.length / 2];
    }

    public double confidence() {
      return words.stream().mapToDouble(Word::confidence).average().orElse(0);
    }

    public Line withWords(List<Word> kept) {
      return new Line(block, paragraph, List.copyOf(kept));
    }
  }

  /** A line of another reading is new when at least this share of its words is not read here. */
  static final double NEW_WORDS_SHARE = 0.5;
  /**
   * An added line's mean word confidence must reach this (0-100): the mask's real letters read
   * sharply, its noise (photo highlights) does not. From pixels, adding every new line of the
   * mask gave VECTOR MRR 0.720 and HYBRID 0.687; only lines at 70 or more, 0.753 and 0.720.
   */
  static final double MIN_ADDED_LINE_CONFIDENCE = 70;
  /** Added lines' block numbers start here, so that no paragraph runs across two readings. */
  static final int OTHER_BLOCKS = 10_000;
  private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");

  /**
   * This layout with the lines of {@code other} (OCR of another rendering of the same image, such
   * as {@link WhiteTextMask}) that say what this one does not: a line is added when most of its
   * words of three letters or more are not read here yet, and Tesseract was sure of it. Each added line goes before the first
   * line here that starts below it, so the text stays top to bottom.
   */
  public OcrLayout plusNewLinesOf(OcrLayout other) {
    Set<String> known = new HashSet<>();
    lines.forEach(l -> known.addAll(words(l.text())));
    List<Line> merged = new ArrayList<>(lines);
    for (Line line : other.lines()) {
      List<String> words = words(line.text());
      long unknown = words.stream().filter(w -> !known.contains(w)).count();
      if (words.isEmpty() || unknown < words.size() * NEW_WORDS_SHARE || line.confidence() < MIN_ADDED_LINE_CONFIDENCE) {
        continue;
      }
      known.addAll(words);
      int at = 0;
      while (at < merged.size() && merged.get(at).top() <= line.top()) {
        at++;
      }
      merged.add(at, new Line(OTHER_BLOCKS + line.block(), line.paragraph(), line.words()));
    }
    return new OcrLayout(width, height, List.copyOf(merged));
  }

  private static List<String> words(String text) {
    return WORD.matcher(text.toLowerCase(Locale.ROOT)).results().map(m -> m.group()).toList();
  }

  public static OcrLayout parse(String tsv, int imageWidth, int imageHeight) {
    Map<String, List<Word>> byLine = new LinkedHashMap<>();
    Map<String, int[]> ids = new LinkedHashMap<>();
    for (String row : tsv.split("\n")) {
      String[] cells = row.split("\t", -1);
      if (cells.length < 12 || !cells[0].equals("5")) {
        continue;
      }
      String text = cells[11].strip();
      if (text.isEmpty()) {
        continue;
      }
      try {
        String key = cells[1] + "/" + cells[2] + "/" + cells[3] + "/" + cells[4];
        byLine.computeIfAbsent(key, k -> new ArrayList<>()).add(new Word(text, Double.parseDouble(cells[10]),
            Integer.parseInt(cells[6]), Integer.parseInt(cells[7]), Integer.parseInt(cells[8]),
            Integer.parseInt(cells[9])));
        ids.putIfAbsent(key, new int[] {Integer.parseInt(cells[2]), Integer.parseInt(cells[3])});
      } catch (NumberFormatException e) {
        // A header row, or a row Tesseract cut short: not a word.
      }
    }
    List<Line> lines = new ArrayList<>();
    byLine.forEach((key, words) -> lines.add(new Line(ids.get(key)[0], ids.get(key)[1], List.copyOf(words))));
    return new OcrLayout(imageWidth, imageHeight, List.copyOf(lines));
  }
}
