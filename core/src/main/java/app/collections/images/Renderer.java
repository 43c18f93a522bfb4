package app.collections.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes an original's renditions from one subsampled decode: the preview first, the thumbnail from
 * the preview. Written as baseline JPEG with no metadata at all, so no EXIF (GPS, camera serial)
 * leaves through them; upright, so no client has to read an orientation tag.
 */
public final class Renderer {

  /** A rendition made: its JPEG bytes and size. */
  public record Rendered(Rendition rendition, byte[] jpeg, Size size) {}

  /** The renditions of an original, and what its EXIF says. */
  public record Renditions(Map<Rendition, Rendered> images, Exif exif, Size original) {
    public Rendered get(Rendition rendition) {
      return images.get(rendition);
    }
  }

  public Renditions render(byte[] original) throws RejectedImageException {
    Exif exif = Exif.read(original);
    // Sizes are decided upright; the decoder works on the stored image, turned a quarter for 5 to 8.
    ImageDecoder.Decoded decoded = ImageDecoder.decode(original,
        stored -> stored(Rendition.PREVIEW.fit(upright(stored, exif)), exif));
    Size upright = upright(decoded.original(), exif);
    Size previewSize = Rendition.PREVIEW.fit(upright);
    BufferedImage preview = Pixels.upright(
        Pixels.scale(Pixels.opaqueSrgb(decoded.image()), stored(previewSize, exif)), exif.orientation());
    BufferedImage thumbnail = Pixels.scale(preview, Rendition.THUMBNAIL.fit(upright));
    Map<Rendition, Rendered> images = new EnumMap<>(Rendition.class);
    images.put(Rendition.PREVIEW, encode(Rendition.PREVIEW, preview));
    images.put(Rendition.THUMBNAIL, encode(Rendition.THUMBNAIL, thumbnail));
    return new Renditions(Map.copyOf(images), exif, upright);
  }

  private static Size upright(Size stored, Exif exif) {
    return exif.transposes() ? stored.transposed() : stored;
  }

  private static Size stored(Size upright, Exif exif) {
    return exif.transposes() ? upright.transposed() : upright;
  }

  private static Rendered encode(Rendition rendition, BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(rendition.quality());
      writer.setOutput(out);
      // No metadata: the writer adds only the JFIF header it needs.
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("a JPEG could not be written to memory", e);
    } finally {
      writer.dispose();
    }
    return new Rendered(rendition, bytes.toByteArray(), new Size(image.getWidth(), image.getHeight()));
  }
}
