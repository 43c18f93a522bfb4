package app.collections.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * JPEGs with the EXIF a phone writes, made in tests: an APP1 "Exif" segment (a little-endian TIFF
 * structure: IFD0 with Orientation, the Exif IFD with DateTimeOriginal and OffsetTimeOriginal, the
 * GPS IFD with latitude and longitude as degrees/minutes/seconds rationals) inserted after the SOI
 * of any JPEG's bytes, so the pixels, and so the renditions, stay those of the JPEG given.
 */
public final class ExifJpegs {
  private ExifJpegs() {}

  /** What to write; null fields are left out. */
  public record Tags(Integer orientation, LocalDateTime takenAt, String offset, Double latitude, Double longitude) {
    public static Tags orientation(int orientation) {
      return new Tags(orientation, null, null, null, null);
    }

    public static Tags at(LocalDateTime takenAt, String offset, double latitude, double longitude) {
      return new Tags(null, takenAt, offset, latitude, longitude);
    }
  }

  public static byte[] jpeg(BufferedImage image, Tags tags) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return withExif(out.toByteArray(), tags);
  }

  /** {@code jpeg} with an APP1 Exif segment of {@code tags} right after its SOI marker. */
  public static byte[] withExif(byte[] jpeg, Tags tags) {
    byte[] tiff = tiff(tags);
    ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
    app1.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).put(tiff);
    byte[] out = new byte[jpeg.length + app1.capacity()];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
    System.arraycopy(jpeg, 2, out, 2 + app1.capacity(), jpeg.length - 2);
    return out;
  }

  private record Entry(int tag, int type, int count, byte[] value) {}

  private static final int ASCII = 2;
  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int RATIONAL = 5;

  private static byte[] tiff(Tags tags) {
    List<Entry> exif = new ArrayList<>();
    if (tags.takenAt() != null) {
      exif.add(ascii(0x9003, tags.takenAt().format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss"))));
    }
    if (tags.offset() != null) {
      exif.add(ascii(0x9011, tags.offset()));
    }
    List<Entry> gps = new ArrayList<>();
    if (tags.latitude() != null) {
      gps.add(ascii(0x0001, tags.latitude() >= 0 ? "N" : "S"));
      gps.add(new Entry(0x0002, RATIONAL, 3, dms(Math.abs(tags.latitude()))));
      gps.add(ascii(0x0003, tags.longitude() >= 0 ? "E" : "W"));
      gps.add(new Entry(0x0004, RATIONAL, 3, dms(Math.abs(tags.longitude()))));
    }
    // Layout: header (8), IFD0, Exif IFD, GPS IFD, then the values that do not fit in 4 bytes.
    int ifd0Count = (tags.orientation() != null ? 1 : 0) + (exif.isEmpty() ? 0 : 1) + (gps.isEmpty() ? 0 : 1);
    int ifd0At = 8;
    int exifAt = ifd0At + size(ifd0Count);
    int gpsAt = exifAt + (exif.isEmpty() ? 0 : size(exif.size()));
    int dataAt = gpsAt + (gps.isEmpty() ? 0 : size(gps.size()));
    List<Entry> ifd0 = new ArrayList<>();
    if (tags.orientation() != null) {
      ifd0.add(new Entry(0x0112, SHORT, 1, le(2, tags.orientation())));
    }
    if (!exif.isEmpty()) {
      ifd0.add(new Entry(0x8769, LONG, 1, le(4, exifAt)));
    }
    if (!gps.isEmpty()) {
      ifd0.add(new Entry(0x8825, LONG, 1, le(4, gpsAt)));
    }
    ByteBuffer data = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer head = ByteBuffer.allocate(dataAt).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0At);
    for (List<Entry> ifd : List.of(ifd0, exif, gps)) {
      if (ifd.isEmpty()) {
        continue;
      }
      head.putShort((short) ifd.size());
      for (Entry e : ifd) {
        head.putShort((short) e.tag()).putShort((short) e.type()).putInt(e.count());
        if (e.value().length <= 4) {
          head.put(e.value());
          head.put(new byte[4 - e.value().length]);
        } else {
          head.putInt(dataAt + data.position());
          data.put(e.value());
          if (data.position() % 2 == 1) {
            data.put((byte) 0);
          }
        }
      }
      head.putInt(0);
    }
    byte[] out = new byte[dataAt + data.position()];
    System.arraycopy(head.array(), 0, out, 0, dataAt);
    System.arraycopy(data.array(), 0, out, dataAt, data.position());
    return out;
  }

  private static int size(int entries) {
    return 2 + 12 * entries + 4;
  }

  private static Entry ascii(int tag, String value) {
    byte[] text = (value + "\0").getBytes(StandardCharsets.US_ASCII);
    return new Entry(tag, ASCII, text.length, text);
  }

  private static byte[] le(int bytes, int value) {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes == 2) {
      b.putShort((short) value);
    } else {
      b.putInt(value);
    }
    return b.array();
  }

  /** Degrees, minutes and seconds as three rationals, seconds to 1/10000. */
  private static byte[] dms(double degrees) {
    int d = (int) degrees;
    double minutes = (degrees - d) * 60;
    int m = (int) minutes;
    long s = Math.round((minutes - m) * 60 * 10_000);
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(10_000);
    return b.array();
  }
}
