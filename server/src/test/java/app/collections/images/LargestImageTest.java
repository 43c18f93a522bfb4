package app.collections.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The largest image an upload accepts (60 megapixels, up to 20 MB) renders in a JVM with a 160 MB
 * heap, a tenth of the processor Lambda's 1536 MB, because only a subsampled raster is kept; the
 * same file read whole (ImageIO.read) does not fit there. Each runs in a JVM of its own.
 */
class LargestImageTest {
  static final String HEAP = "-Xmx160m";
  @TempDir static Path dir;
  static Path photo;
  static Path screenshot;

  @BeforeAll
  static void makeThem() throws Exception {
    // 10000x6000: a camera's 60 MP, noisy enough to weigh what a real photo of that size does.
    BufferedImage image = new BufferedImage(10_000, 6_000, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setPaint(new java.awt.GradientPaint(0, 0, new Color(20, 60, 120), 10_000, 6_000, new Color(240, 200, 90)));
    g.fillRect(0, 0, 10_000, 6_000);
    Random random = new Random(7);
    for (int i = 0; i < 40_000; i++) {
      g.setColor(new Color(random.nextInt()));
      g.fillOval(random.nextInt(10_000), random.nextInt(6_000), 5 + random.nextInt(60), 5 + random.nextInt(60));
    }
    g.dispose();
    photo = dir.resolve("largest.jpg");
    write(image, "jpeg", photo);
    assertThat(Files.size(photo)).as("within the upload limit").isLessThanOrEqualTo(20L * 1024 * 1024);
    // 7500x8000: a 60 MP PNG screenshot of flat colours and text.
    BufferedImage png = new BufferedImage(7_500, 8_000, BufferedImage.TYPE_INT_ARGB);
    Graphics2D s = png.createGraphics();
    s.setColor(Color.WHITE);
    s.fillRect(0, 0, 7_500, 8_000);
    s.setColor(Color.DARK_GRAY);
    s.setFont(new Font("SansSerif", Font.PLAIN, 120));
    for (int y = 200; y < 8_000; y += 400) {
      s.drawString("Ramen in Kyoto, 1,200 yen", 200, y);
    }
    s.dispose();
    screenshot = dir.resolve("largest.png");
    write(png, "png", screenshot);
  }

  @Test
  void theLargestAcceptedJpegAndPngRenderWithinA160MbHeap() throws Exception {
    for (Path image : List.of(photo, screenshot)) {
      Run run = probe("render", image);
      assertThat(run.exit()).as(run.output()).isZero();
      assertThat(run.output()).contains("preview ").contains("thumbnail ");
    }
  }

  @Test
  void readWholeTheSameJpegDoesNotFitThere() throws Exception {
    // What the probe shows: the heap is small enough that a full decode fails in it.
    Run run = probe("whole", photo);
    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("OutOfMemoryError");
  }

  private record Run(int exit, String output) {}

  private static Run probe(String mode, Path image) throws Exception {
    Path out = Files.createTempFile(dir, "probe", ".txt");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
        "-cp", System.getProperty("java.class.path"), Probe.class.getName(), mode, image.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static void write(BufferedImage image, String format, Path file) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (format.equals("jpeg")) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.92f);
    }
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(new File(file.toString()))) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** Runs in the small JVM: {@code render FILE} as the pipeline does, or {@code whole FILE} as ImageIO.read. */
  public static final class Probe {
    public static void main(String[] args) throws Exception {
      byte[] bytes = Files.readAllBytes(Path.of(args[1]));
      if (args[0].equals("whole")) {
        BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        System.out.println("read whole " + image.getWidth() + "x" + image.getHeight());
        return;
      }
      Renderer.Renditions r = new Renderer().render(bytes);
      System.out.println("preview " + r.get(Rendition.PREVIEW).size() + " thumbnail " + r.get(Rendition.THUMBNAIL).size()
          + " heap used " + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1 << 20) + " MB");
    }
  }
}
