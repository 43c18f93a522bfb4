package app.collections.local.ocr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
