package app.collections.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Images made for a test: real files of a chosen size in bytes or pixels. */
public final class TestImages {
  /** A phone camera's JPEG quality, about: what makes its photos several megabytes. */
  private static final float PHOTO_QUALITY = 0.95f;

  private TestImages() {}

  /**
   * A JPEG of random pixels: noise does not compress, so it is as heavy as a detailed phone photo
   * of its size (about 1.2 bytes a pixel at this quality: 2600x1950 is some 5.9 MB).
   */
  public static byte[] noiseJpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(23);
    int[] pixels = new int[width * height];
    Arrays.setAll(pixels, i -> random.nextInt(0x1000000));
    image.setRGB(0, 0, width, height, pixels, 0, width);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(PHOTO_QUALITY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A one-colour image in {@code format} ("png", "jpeg", "bmp"...): small in bytes, any size in pixels. */
  public static byte[] plain(String format, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * {@code image} followed by zeros up to {@code bytes}: still that image to a decoder (they come
   * after its end marker), and as heavy as asked without encoding megapixels.
   */
  public static byte[] padded(byte[] image, int bytes) {
    return Arrays.copyOf(image, bytes);
  }
}
