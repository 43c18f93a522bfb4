package app.collections.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image only as large as it is needed: every row is read (so a truncated or damaged
 * file is caught), but only every n-th pixel of every n-th row is kept (ImageIO's source
 * subsampling). A 60 MP photo made into a 1.15 MP preview keeps a 1.4 MP raster, not a 240 MB one:
 * the largest accepted image renders within a 160 MB heap (LargestImageTest), where a full decode
 * needs 180 MB for its pixels alone.
 */
public final class ImageDecoder {
  /** Decoding a 100-megapixel bomb is a denial of service; phone photos are 12 to 50 megapixels. */
  public static final long MAX_PIXELS = 60_000_000L;

  private ImageDecoder() {}

  /**
   * An image as stored (not yet turned upright), at least {@code wanted} of its size where it is
   * larger, and the size of the whole image.
   */
  public record Decoded(ImageFormat format, Size original, BufferedImage image) {}

  /** The format the bytes are, or why they are refused (not an image, or HEIC). */
  public static ImageFormat format(byte[] bytes) throws RejectedImageException {
    ImageFormat format = ImageFormat.sniff(bytes)
        .orElseThrow(() -> new RejectedImageException("The file is not a JPEG, PNG, GIF, WebP or HEIC image"));
    if (format == ImageFormat.HEIC) {
      throw new RejectedImageException(ImageFormat.HEIC_REFUSED);
    }
    return format;
  }

  /**
   * Decodes {@code bytes}; {@code wanted} maps the stored image's size to the smallest size the
   * caller needs (the decoder keeps at least that many pixels in each direction).
   */
  public static Decoded decode(byte[] bytes, UnaryOperator<Size> wanted) throws RejectedImageException {
    ImageFormat format = format(bytes);
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new RejectedImageException("No decoder for this " + format + " image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
          throw new RejectedImageException("The image is " + width + "x" + height + " pixels, more than the "
              + MAX_PIXELS / 1_000_000 + " megapixels accepted");
        }
        Size original = new Size(width, height);
        Size target = wanted.apply(original);
        int step = Math.max(1, Math.min(width / target.width(), height / target.height()));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        // Decoders paper over a truncated file with a warning (JPEG: "premature end of data") and grey pixels.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0, param);
        if (image == null || !warnings.isEmpty()) {
          throw new RejectedImageException("The " + format + " image is damaged or truncated");
        }
        return new Decoded(format, original, image);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new RejectedImageException("The " + format + " image could not be decoded");
    }
  }
}
