package app.collections.local.ocr;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What of a screenshot's OCR is the post: confident words, without the status bar and the app's
 * chrome; and which of its lines is the headline (the largest text, where a post's title or
 * overlay is). Measured on the from-pixels eval (docs/search-quality.md).
 */
public record OcrText(List<OcrLayout.Line> lines, String headline) {

  /**
   * A headline is made of words Tesseract is at least this sure of (0-100): below it they are
   * mostly glyphs read into photos and icons ("$ ae al * a ?"). The text keeps them: dropping
   * them from it cost VECTOR MRR 0.641 -> 0.608 on the from-pixels eval (a real word read
   * unsurely, "TeamLab" at 40, still matches; noise matches nothing).
   */
  static final double MIN_WORD_CONFIDENCE = 45;
  /** A line at least this share chrome words (tabs, buttons, counters) is the app's, not the post's. */
  static final double CHROME_LINE_SHARE = 0.5;
  /** A headline line may hold at most this share of chrome words. */
  static final double CHROME_HEADLINE_SHARE = 0.34;
  /** Continuation lines of a headline have text at least this share of its first line's height. */
  static final double HEADLINE_LINE_HEIGHT = 0.8;
  static final int MAX_HEADLINE = 120;
  static final String NO_TEXT = "Image without text";

  private static final Pattern REAL_WORD = Pattern.compile("\\p{L}{3,}|[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]{2,}");
  private static final Pattern HAS_LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

  public static OcrText of(OcrLayout layout) {
    List<OcrLayout.Line> kept = lines(layout, 0);
    return new OcrText(kept, headline(lines(layout, MIN_WORD_CONFIDENCE)));
  }

  /** The post's lines, of words at least {@code minConfidence} sure. */
  private static List<OcrLayout.Line> lines(OcrLayout layout, double minConfidence) {
    List<OcrLayout.Line> kept = new ArrayList<>();
    int statusBar = (int) (layout.height() * AppChrome.STATUS_BAR_SHARE);
    for (OcrLayout.Line line : layout.lines()) {
      List<OcrLayout.Word> words = line.words().stream()
          .filter(w -> w.confidence() >= minConfidence)
          .filter(w -> HAS_LETTER_OR_DIGIT.matcher(w.text()).find())
          .toList();
      if (words.isEmpty() || line.top() + line.textHeight() <= statusBar) {
        continue;
      }
      OcrLayout.Line clean = line.withWords(words);
      String text = clean.text();
      if (AppChrome.CLOCK.matcher(text).find() && clean.top() < statusBar * 2) {
        continue;
      }
      if (chromeShare(clean) >= CHROME_LINE_SHARE || !isText(text)) {
        continue;
      }
      kept.add(clean);
    }
    return List.copyOf(kept);
  }

  /** The kept lines' text, one string per line. */
  public List<String> texts() {
    return lines.stream().map(OcrLayout.Line::text).toList();
  }

  /**
   * The most salient line that reads like a title (two real words, little chrome): the largest text,
   * the higher one on a tie; with the lines of its paragraph that continue it in the same size.
   */
  static String headline(List<OcrLayout.Line> lines) {
    int best = -1;
    for (int i = 0; i < lines.size(); i++) {
      OcrLayout.Line line = lines.get(i);
      if (REAL_WORD.matcher(line.text()).results().count() < 2 || chromeShare(line) > CHROME_HEADLINE_SHARE) {
        continue;
      }
      if (best < 0 || line.textHeight() > lines.get(best).textHeight()) {
        best = i;
      }
    }
    if (best < 0) {
      return lines.isEmpty() ? NO_TEXT : cut(lines.getFirst().text());
    }
    OcrLayout.Line first = lines.get(best);
    StringBuilder headline = new StringBuilder(first.text());
    for (int i = best + 1; i < lines.size() && headline.length() < MAX_HEADLINE; i++) {
      OcrLayout.Line next = lines.get(i);
      if (next.block() != first.block() || next.paragraph() != first.paragraph()
          || next.textHeight() < first.textHeight() * HEADLINE_LINE_HEIGHT) {
        break;
      }
      headline.append(' ').append(next.text());
    }
    return cut(headline.toString());
  }

  private static String cut(String text) {
    return text.length() > MAX_HEADLINE ? text.substring(0, MAX_HEADLINE).strip() : text;
  }

  static double chromeShare(OcrLayout.Line line) {
    return (double) line.words().stream().filter(w -> AppChrome.isChromeWord(w.text())).count() / line.words().size();
  }

  /** Mostly letters, digits and spaces, with at least one real word: not a row of icons read as text. */
  static boolean isText(String line) {
    if (line.length() < 2 || !REAL_WORD.matcher(line).find()) {
      return false;
    }
    long plain = line.codePoints().filter(c -> Character.isLetterOrDigit(c) || c == ' ').count();
    return plain >= line.codePointCount(0, line.length()) * 0.75;
  }
}
