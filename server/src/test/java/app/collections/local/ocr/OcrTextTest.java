package app.collections.local.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What of a screenshot's OCR layout is the post, and which line is its headline. */
class OcrTextTest {
  private static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

  /** One TSV line per word: block, paragraph, line, top, height, confidence, text. */
  private static String tsv(Object[]... words) {
    List<String> rows = new ArrayList<>(List.of(HEADER));
    int left = 10;
    for (Object[] w : words) {
      rows.add("5\t1\t%s\t%s\t%s\t1\t%d\t%s\t40\t%s\t%s\t%s".formatted(w[0], w[1], w[2], left += 50, w[3], w[4], w[5], w[6]));
    }
    return String.join("\n", rows);
  }

  private static Object[] word(int block, int line, int top, int height, double conf, String text) {
    return new Object[] {block, 1, line, top, height, conf, text};
  }

  @Test
  void dropsTheStatusBarAndTheAppsTabsAndHeadlinesTheLargestSureText() {
    OcrLayout layout = OcrLayout.parse(tsv(
        word(1, 1, 10, 20, 90, "9:41"), word(1, 1, 10, 20, 80, "LTE"),
        word(2, 1, 80, 22, 91, "Explore"), word(2, 1, 80, 22, 92, "Following"), word(2, 1, 80, 22, 90, "Shop"),
        word(2, 1, 80, 22, 93, "For"), word(2, 1, 80, 22, 93, "You"),
        word(3, 1, 400, 48, 30, "Te@mLab"), word(3, 1, 400, 48, 90, "Forest"), word(3, 1, 400, 48, 91, "Fukuoka"),
        word(3, 2, 460, 44, 85, "Digital"), word(3, 2, 460, 44, 87, "art"), word(3, 2, 460, 44, 86, "museum"),
        word(4, 1, 900, 20, 89, "7"), word(4, 1, 900, 20, 90, "days"), word(4, 1, 900, 20, 91, "in"),
        word(4, 1, 900, 20, 92, "Fukuoka"), word(4, 1, 900, 20, 12, "—"),
        word(5, 1, 1200, 18, 90, "12.3K"), word(5, 1, 1200, 18, 90, "Share")), 589, 1280);

    OcrText text = OcrText.of(layout);

    // The headline is made of sure words only; the text keeps the unsure ones (they may be real).
    assertThat(text.headline()).isEqualTo("Forest Fukuoka Digital art museum");
    assertThat(text.texts()).containsExactly("Te@mLab Forest Fukuoka", "Digital art museum", "7 days in Fukuoka");
  }

  @Test
  void aScreenshotWithoutTextSaysSo() {
    assertThat(OcrText.of(OcrLayout.parse(HEADER, 589, 1280)).headline()).isEqualTo(OcrText.NO_TEXT);
  }
}
