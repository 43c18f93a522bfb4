package app.collections.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.collections.testing.ExifJpegs;
import app.collections.testing.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Renditions as a client and a vision model get them: sizes, upright, sRGB and opaque, no metadata. */
class RendererTest {
  final Renderer renderer = new Renderer();

  @Test
  void theLabelledScreenshotsComeOutWithinTheirSizesAndTheThumbnailsAreAFractionOfTheOriginals() throws Exception {
    List<Path> images;
    try (Stream<Path> files = Files.list(Fixtures.sharedDir().resolve("eval/images"))) {
      images = files.sorted().toList();
    }
    long originals = 0;
    long thumbnails = 0;
    for (Path image : images) {
      byte[] bytes = Files.readAllBytes(image);
      Renderer.Renditions r = renderer.render(bytes);
      Size thumbnail = r.get(Rendition.THUMBNAIL).size();
      Size preview = r.get(Rendition.PREVIEW).size();
      assertThat(thumbnail.longEdge()).isEqualTo(512);
      // 589x1280 is within the preview's 1568 px and 1.15 MP: kept at its size, never blown up.
      assertThat(preview).isEqualTo(new Size(589, 1280));
      assertThat(decode(r.get(Rendition.THUMBNAIL).jpeg())).extracting(BufferedImage::getWidth).isEqualTo(thumbnail.width());
      originals += bytes.length;
      thumbnails += r.get(Rendition.THUMBNAIL).jpeg().length;
    }
    double share = (double) thumbnails / originals;
    System.out.printf("55 labelled screenshots: thumbnails %d B are %.1f%% of the originals' %d B%n", thumbnails,
        100 * share, originals);
    assertThat(share).isLessThan(0.25);
  }

  @Test
  void aLargePhotoBecomesAPreviewAModelTakesWholeAndAThumbnailOf512() throws Exception {
    byte[] photo = jpeg(photo(4032, 3024));
    Renderer.Renditions r = renderer.render(photo);
    Size preview = r.get(Rendition.PREVIEW).size();
    assertThat(preview.longEdge()).isLessThanOrEqualTo(1568);
    assertThat(preview.pixels()).isLessThanOrEqualTo(1_150_000).isGreaterThan(1_100_000);
    assertThat(Math.abs((double) preview.width() / preview.height() - 4032.0 / 3024)).isLessThan(0.01);
    assertThat(r.get(Rendition.THUMBNAIL).size()).isEqualTo(new Size(512, 384));
    // Anthropic refuses images over 5 MB: a preview is far from it.
    assertThat(r.get(Rendition.PREVIEW).jpeg().length).isLessThan(5 * 1024 * 1024 / 4);
  }

  @ParameterizedTest(name = "orientation {0}: the stored top-left pixel shows {1}, the top-right {2}")
  @CsvSource({"1, TL, TR", "2, TR, TL", "3, BR, BL", "4, BL, BR", "5, TL, BL", "6, TR, BR", "7, BR, TR", "8, BL, TL"})
  void eachExifOrientationIsTurnedUpright(int orientation, String red, String green) throws Exception {
    // Stored 80x40: red at its top-left, green at its top-right; EXIF says how it is shown.
    BufferedImage stored = new BufferedImage(80, 40, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = stored.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, 80, 40);
    g.setColor(Color.RED);
    g.fillRect(0, 0, 12, 12);
    g.setColor(Color.GREEN);
    g.fillRect(68, 0, 12, 12);
    g.dispose();

    Renderer.Renditions r = renderer.render(ExifJpegs.jpeg(stored, ExifJpegs.Tags.orientation(orientation)));

    BufferedImage shown = decode(r.get(Rendition.PREVIEW).jpeg());
    boolean turned = orientation >= 5;
    assertThat(new Size(shown.getWidth(), shown.getHeight())).isEqualTo(turned ? new Size(40, 80) : new Size(80, 40));
    assertThat(r.original()).isEqualTo(turned ? new Size(40, 80) : new Size(80, 40));
    assertThat(colourAt(shown, red)).as("red").isEqualTo("red");
    assertThat(colourAt(shown, green)).as("green").isEqualTo("green");
  }

  @Test
  void noMetadataLeavesThroughARenditionAndTheExifIsRead() throws Exception {
    byte[] photo = ExifJpegs.jpeg(photo(1200, 900),
        ExifJpegs.Tags.at(LocalDateTime.of(2025, 7, 14, 18, 30, 5), "+09:00", 35.0116, 135.7681));
    Exif exif = Exif.read(photo);
    assertThat(exif.takenAtInstant()).isEqualTo(OffsetDateTime.parse("2025-07-14T18:30:05+09:00"));
    assertThat(exif.latitude()).isCloseTo(35.0116, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(exif.longitude()).isCloseTo(135.7681, org.assertj.core.data.Offset.offset(1e-4));

    Renderer.Renditions r = renderer.render(photo);
    assertThat(r.exif()).isEqualTo(exif);
    for (Rendition rendition : Rendition.values()) {
      byte[] jpeg = r.get(rendition).jpeg();
      assertThat(Exif.read(jpeg)).isEqualTo(Exif.NONE);
      assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("GPS");
    }
  }

  @Test
  void aTransparentScreenshotIsLaidOverWhiteNotBlack() throws Exception {
    BufferedImage png = new BufferedImage(300, 600, BufferedImage.TYPE_INT_ARGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(png, "png", out);
    BufferedImage shown = decode(renderer.render(out.toByteArray()).get(Rendition.THUMBNAIL).jpeg());
    Color centre = new Color(shown.getRGB(shown.getWidth() / 2, shown.getHeight() / 2));
    assertThat(centre.getRed() + centre.getGreen() + centre.getBlue()).isGreaterThan(3 * 245);
  }

  @Test
  void heicAndDamagedFilesAreRefusedWithWhy() throws Exception {
    byte[] heic = new byte[64];
    System.arraycopy("....ftypheic".getBytes(StandardCharsets.US_ASCII), 0, heic, 0, 12);
    assertThatThrownBy(() -> renderer.render(heic)).isInstanceOf(RejectedImageException.class)
        .hasMessageContaining("send a JPEG");
    byte[] truncated = Arrays.copyOf(jpeg(photo(800, 600)), 4_000);
    assertThatThrownBy(() -> renderer.render(truncated)).isInstanceOf(RejectedImageException.class)
        .hasMessageContaining("damaged or truncated");
  }

  static BufferedImage photo(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(230, 180, 60)));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static byte[] jpeg(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  static BufferedImage decode(byte[] jpeg) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(jpeg));
  }

  /** The colour near a corner (TL, TR, BL, BR), as "red", "green" or "other". */
  private static String colourAt(BufferedImage image, String corner) {
    int x = corner.endsWith("L") ? 4 : image.getWidth() - 5;
    int y = corner.startsWith("T") ? 4 : image.getHeight() - 5;
    Color c = new Color(image.getRGB(x, y));
    if (c.getRed() > 180 && c.getGreen() < 90 && c.getBlue() < 90) {
      return "red";
    }
    if (c.getGreen() > 180 && c.getRed() < 90 && c.getBlue() < 90) {
      return "green";
    }
    return "other " + c;
  }
}
