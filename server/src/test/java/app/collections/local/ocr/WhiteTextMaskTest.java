package app.collections.local.ocr;

import app.collections.vision.VisionConfiguration;

import app.collections.items.Categories;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The second OCR pass: white overlay letters with a dark outline over a photo, as reels print titles. */
class WhiteTextMaskTest {
  private static final String TITLE = "Hidden lockers near the station";
  private static final int WIDTH = 720;

  /** White letters with a thick black outline over a busy gradient: what a reel's title looks like. */
  private static BufferedImage overlay() {
    BufferedImage image = new BufferedImage(WIDTH, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(250, 190, 60), WIDTH, 200, new Color(40, 90, 200)));
    g.fillRect(0, 0, WIDTH, 200);
    for (int x = 0; x < WIDTH; x += 24) {
      g.setColor(new Color((x * 7) % 255, 120, (x * 3) % 255));
      g.fillOval(x, (x * 13) % 160, 30, 30);
    }
    TextLayout text = new TextLayout(TITLE, new Font(Font.SANS_SERIF, Font.BOLD, 34), g.getFontRenderContext());
    var outline = text.getOutline(java.awt.geom.AffineTransform.getTranslateInstance(20, 110));
    g.setStroke(new BasicStroke(6));
    g.setColor(Color.BLACK);
    g.draw(outline);
    g.setColor(Color.WHITE);
    g.fill(outline);
    g.dispose();
    return image;
  }

  @Test
  void keepsOnlyNearWhitePixelsAsBlackInkOnWhite() {
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xffffff);
    image.setRGB(1, 0, 0xf0f0c0); // a warm highlight: its blue channel is under the floor
    image.setRGB(2, 0, 0x202020);
    BufferedImage mask = WhiteTextMask.of(image);
    assertThat(mask.getRaster().getSample(0, 0, 0)).isZero();
    assertThat(mask.getRaster().getSample(1, 0, 0)).isEqualTo(255);
    assertThat(mask.getRaster().getSample(2, 0, 0)).isEqualTo(255);
  }

  @Test
  void tesseractReadsAnOutlinedOverlayThroughTheMask() throws Exception {
    String tessdata = new VisionConfiguration().getTessdata();
    OcrLayout read = OcrLayout.parse(TesseractOcr.tsv(WhiteTextMask.of(overlay()), tessdata, "eng"), WIDTH, 200);
    String text = String.join(" ", read.lines().stream().map(OcrLayout.Line::text).toList());
    assertThat(text).contains(TITLE);
    String plain = String.join(" ", OcrLayout.parse(TesseractOcr.tsv(overlay(), tessdata, "eng"), WIDTH, 200).lines()
        .stream().map(OcrLayout.Line::text).toList());
    // What the mask is for: the plain image reads as "id nearithe)station" (Tesseract 5.3).
    assertThat(plain).doesNotContain(TITLE);
  }

  @Test
  void aSecondReadingAddsOnlyNewSureLinesInReadingOrder() {
    OcrLayout first = layout(List.of(line(0, 100, "Day trip to Kamakura", 90)));
    OcrLayout second = layout(List.of(
        line(0, 40, "Perhaps the prettiest train", 92),
        line(1, 100, "Day trip to Kamakura", 95),
        line(2, 300, "glare read as words", 30)));
    List<String> merged = first.plusNewLinesOf(second).lines().stream().map(OcrLayout.Line::text).toList();
    assertThat(merged).containsExactly("Perhaps the prettiest train", "Day trip to Kamakura");
    assertThat(first.plusNewLinesOf(second).lines().getFirst().block()).isGreaterThanOrEqualTo(OcrLayout.OTHER_BLOCKS);
  }

  @Test
  void everySuggestedCategoryIsDescribed() {
    assertThat(ZeroShotCategories.PHRASES.keySet()).containsExactlyElementsOf(Categories.SUGGESTED);
    assertThat(ZeroShotCategories.PHRASES.values()).allSatisfy(p -> assertThat(p).hasSize(3));
  }

  private static OcrLayout layout(List<OcrLayout.Line> lines) {
    return new OcrLayout(600, 800, lines);
  }

  private static OcrLayout.Line line(int block, int top, String text, double confidence) {
    List<OcrLayout.Word> words = java.util.Arrays.stream(text.split(" "))
        .map(w -> new OcrLayout.Word(w, confidence, 10, top, 40, 20)).toList();
    return new OcrLayout.Line(block, 1, words);
  }
}
