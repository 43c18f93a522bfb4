package app.collections.chat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A thread's state as stored: small states as the JSON text itself (readable in the console),
 * larger ones gzipped when that makes them smaller. DynamoDB bills and limits by item size, and a
 * conversation's JSON compresses several times over.
 */
final class StateCodec {
  static final String JSON = "json";
  static final String GZIP = "gzip";
  /** Below this, compression saves too little to be worth losing readability. */
  static final int COMPRESS_ABOVE = 8 * 1024;

  record Encoded(String encoding, byte[] bytes) {}

  private StateCodec() {}

  static Encoded encode(String state) {
    byte[] text = state.getBytes(StandardCharsets.UTF_8);
    if (text.length <= COMPRESS_ABOVE) {
      return new Encoded(JSON, text);
    }
    byte[] gzipped = gzip(text);
    return gzipped.length < text.length ? new Encoded(GZIP, gzipped) : new Encoded(JSON, text);
  }

  static String decode(String encoding, byte[] bytes) {
    return switch (encoding) {
      case JSON -> new String(bytes, StandardCharsets.UTF_8);
      case GZIP -> new String(gunzip(bytes), StandardCharsets.UTF_8);
      default -> throw new IllegalStateException("unknown state encoding " + encoding);
    };
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("a stored state does not decompress", e);
    }
  }
}
