package app.collections.tools.images;

import app.collections.images.Rendition;
import app.collections.images.Renderer;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Time and memory to make one original's renditions (DERIVE's work), per kind of original: a
 * 12 MP phone photo as phones write it (about 3 MB) and a heavy one (8 MB, the issue's), a tall PNG
 * screenshot, and the largest accepted image (60 MP). Each is made in memory from a seed, so every
 * run renders the same bytes; each is rendered {@code warmups} times untimed (the JIT), then
 * {@code runs} times timed, one at a time on one thread, as a worker does. Memory: the bytes the
 * rendering thread allocates per image, and the smallest heap a fresh JVM renders it in (found by
 * bisection over -Xmx, 8 MB apart: what a worker or a Lambda must have free for one image). A fixed
 * CPU loop is timed beside it, so a reader can tell a slower machine from a slower build
 * (docs/benchmarks.md).
 */
public final class RenditionBench {
  /** One kind of original. */
  public record Case(String name, byte[] bytes, String description) {}

  /** One kind's figures, in milliseconds and megabytes. */
  public record Row(String name, String description, double megabytes, double p50Ms, double p95Ms, double maxMs,
      double allocatedMb, int smallestHeapMb, String preview) {}

  /** The bisection's bounds and step, in MB of -Xmx. */
  static final int HEAP_FLOOR_MB = 16;
  static final int HEAP_CEILING_MB = 1024;
  static final int HEAP_STEP_MB = 8;

  private final int warmups;
  private final int runs;

  public RenditionBench(int warmups, int runs) {
    this.warmups = warmups;
    this.runs = runs;
  }

  /** The four originals the benchmark renders. */
  public static List<Case> cases() {
    return List.of(
        new Case("12 MP photo", jpeg(photo(4032, 3024, 10, 1), 0.90f), "4032x3024 JPEG q0.90, as a phone writes one"),
        new Case("12 MP photo, heavy", jpeg(photo(4032, 3024, 44, 2), 0.95f), "4032x3024 JPEG q0.95, fine detail"),
        new Case("PNG screenshot", png(screenshot(1290, 8000)), "1290x8000 PNG, a scrolling capture"),
        new Case("largest accepted", jpeg(photo(10_000, 6_000, 10, 3), 0.90f), "10000x6000 JPEG: 60 MP"));
  }

  public List<Row> run(List<Case> cases) throws Exception {
    Renderer renderer = new Renderer();
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      String preview = "";
      for (int i = 0; i < warmups; i++) {
        renderer.render(c.bytes());
      }
      long[] nanos = new long[runs];
      long allocated = 0;
      for (int i = 0; i < runs; i++) {
        long before = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        Renderer.Renditions r = renderer.render(c.bytes());
        nanos[i] = System.nanoTime() - start;
        allocated += threads.getCurrentThreadAllocatedBytes() - before;
        preview = r.get(Rendition.PREVIEW).size() + " + " + r.get(Rendition.THUMBNAIL).size();
      }
      Arrays.sort(nanos);
      rows.add(new Row(c.name(), c.description(), c.bytes().length / 1e6, nanos[runs / 2] / 1e6,
          nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, nanos[runs - 1] / 1e6, allocated / (double) runs / (1 << 20),
          smallestHeapMb(c.bytes()), preview));
    }
    return rows;
  }

  /** The smallest -Xmx (in {@link #HEAP_STEP_MB} steps) in which a fresh JVM renders {@code bytes}. */
  static int smallestHeapMb(byte[] bytes) throws Exception {
    Path file = Files.createTempFile("rendition-bench", ".img");
    try {
      Files.write(file, bytes);
      int fits = HEAP_CEILING_MB;
      int fails = HEAP_FLOOR_MB - HEAP_STEP_MB;
      while (fits - fails > HEAP_STEP_MB) {
        int mid = (fits + fails) / 2 / HEAP_STEP_MB * HEAP_STEP_MB;
        if (mid <= fails) {
          mid = fails + HEAP_STEP_MB;
        }
        if (rendersIn(mid, file)) {
          fits = mid;
        } else {
          fails = mid;
        }
      }
      return fits;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static boolean rendersIn(int heapMb, Path file) throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"), Once.class.getName(), file.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return process.waitFor() == 0;
  }

  /** Renders one file once and exits 0; an OutOfMemoryError exits non-zero. */
  public static final class Once {
    public static void main(String[] args) throws Exception {
      new Renderer().render(Files.readAllBytes(Path.of(args[0])));
    }
  }

  /** Milliseconds of a fixed integer loop: the machine's speed, printed beside the figures. */
  public static double calibrationMs() {
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      long x = 0x9E3779B97F4A7C15L;
      for (int i = 0; i < 200_000_000; i++) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      best = Math.min(best, System.nanoTime() - start + (x == 42 ? 1 : 0));
    }
    return best / 1e6;
  }

  public static void print(List<Row> rows, PrintStream out) {
    out.println("| original | bytes | p50 ms | p95 ms | max ms | allocated MB / image | renders in a heap of | renditions |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      out.printf("| %s (%s) | %.1f MB | %.0f | %.0f | %.0f | %.0f | %d MB | %s |%n", r.name(), r.description(),
          r.megabytes(), r.p50Ms(), r.p95Ms(), r.maxMs(), r.allocatedMb(), r.smallestHeapMb(), r.preview());
    }
  }

  /** A photo-like image: a sky-to-sand gradient, shapes, and per-pixel grain of {@code grain} levels. */
  static BufferedImage photo(int width, int height, int grain, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(40, 110, 190), width, height, new Color(230, 190, 120)));
    g.fillRect(0, 0, width, height);
    Random random = new Random(seed);
    for (int i = 0; i < width * height / 20_000; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      int size = 10 + random.nextInt(width / 20);
      g.fillOval(random.nextInt(width), random.nextInt(height), size, size);
    }
    g.dispose();
    byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) Math.clamp((pixels[i] & 0xFF) + random.nextInt(2 * grain + 1) - grain, 0, 255);
    }
    return image;
  }

  /** A tall app screenshot: white, lines of text, a few coloured cards. */
  static BufferedImage screenshot(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font("SansSerif", Font.PLAIN, 42));
    Random random = new Random(4);
    for (int y = 120; y < height; y += 64) {
      if (random.nextInt(12) == 0) {
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRoundRect(40, y, width - 80, 400, 40, 40);
        y += 420;
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString("Ramen Kazuya, Kyoto: tonkotsu 1,200 yen, open till 23:00 #" + y, 48, y);
    }
    g.dispose();
    return image;
  }

  static byte[] jpeg(BufferedImage image, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
