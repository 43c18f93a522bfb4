package app.collections.images;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides whether bytes are an image we accept: the magic bytes name a supported format and a
 * decoder reads it through (a real parse of every row, not a claim), at most 60 megapixels.
 */
public final class ImageInspector {
  /**
   * The inspection decodes only a small raster (ImageDecoder's subsampling): every row is still
   * read, so damage is caught, while a 60 MP image costs a few MB of heap, not 240.
   */
  static final Size CHECKED_SIZE = new Size(256, 256);

  public Inspection inspect(byte[] bytes) throws RejectedImageException {
    ImageDecoder.Decoded decoded = ImageDecoder.decode(bytes, original -> CHECKED_SIZE);
    // As it is shown: a phone photo stored sideways with an orientation tag is taller than wide.
    Size shown = Exif.read(bytes).transposes() ? decoded.original().transposed() : decoded.original();
    return new Inspection(decoded.format(), shown.width(), shown.height(), sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The image's format, its size as shown (EXIF orientation applied), and its sha256. */
  public record Inspection(ImageFormat format, int width, int height, byte[] sha256) {}
}
