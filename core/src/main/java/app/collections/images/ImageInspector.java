package app.collections.images;

import com.drew.imaging.ImageMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether bytes are an image we accept: the magic bytes name a supported format and a
 * decoder reads its dimensions (a real parse, not a claim). Also reads the EXIF capture time and
 * place where present.
 */
public final class ImageInspector {
  /** Decoding a 100-megapixel bomb is a denial of service; phone screenshots are ~3 megapixels. */
  static final long MAX_PIXELS = 60_000_000L;

  public Inspection inspect(byte[] bytes) throws RejectedImageException {
    ImageFormat format = ImageFormat.sniff(bytes)
        .orElseThrow(() -> new RejectedImageException("The file is not a JPEG, PNG, GIF, WebP or HEIC image"));
    if (format == ImageFormat.HEIC) {
      // No HEIC decoder ships with the JDK or a Maven Central ImageIO plugin we trust here.
      throw new RejectedImageException("HEIC images are not supported yet; export the photo as JPEG");
    }
    int width;
    int height;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw new RejectedImageException("No decoder for this " + format + " image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
        if (width <= 0 || height <= 0 || (long) width * height > MAX_PIXELS) {
          throw new RejectedImageException("The image is " + width + "x" + height + " pixels, more than we accept");
        }
        // Decode it for real: a valid header over garbage is not an image. Decoders paper over a
        // truncated file with a warning (JPEG: "premature end of data") and grey pixels.
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage decoded = reader.read(0);
        if (decoded == null || !warnings.isEmpty()) {
          throw new RejectedImageException("The " + format + " image is damaged or truncated");
        }
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new RejectedImageException("The " + format + " image could not be decoded");
    }
    Exif exif = readExif(bytes);
    return new Inspection(format, width, height, sha256(bytes), exif);
  }

  /** Capture time and GPS position, when the camera wrote them. Screenshots usually have none. */
  public static Exif readExif(byte[] bytes) {
    try {
      Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
      ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
      Instant takenAt = exif == null || exif.getDateOriginal() == null ? null : exif.getDateOriginal().toInstant();
      GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
      GeoLocation location = gps == null ? null : gps.getGeoLocation();
      return new Exif(takenAt,
          location == null || location.isZero() ? null : location.getLatitude(),
          location == null || location.isZero() ? null : location.getLongitude());
    } catch (Exception e) {
      return Exif.NONE;
    }
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public record Inspection(ImageFormat format, int width, int height, byte[] sha256, Exif exif) {}

  public record Exif(Instant takenAt, Double latitude, Double longitude) {
    public static final Exif NONE = new Exif(null, null, null);
  }
}
