package app.collections.paging;

import app.collections.errors.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one codec of the opaque strings the API hands out (cursors, global ids): an optional tag and
 * a fixed number of fields, joined by {@code ':'} and base64url-encoded without padding. Opaque to
 * clients; the tag versions a format so it can change. Only the last field may contain the
 * separator (it takes the rest of the text), so put a free-form field (a timestamp) last.
 *
 * <p>Decoding anything malformed (not base64url, wrong tag, wrong field count, a field that does not
 * parse) is one {@link DomainException} of kind INVALID_INPUT with the codec's message: the parse
 * function may throw any RuntimeException and the client still sees only that message.
 */
public record CursorCodec(String tag, int fieldCount, String invalidMessage) {
  /**
   * Stops decoding (and parsing) of arbitrarily long strings. The longest string made here, a chat
   * session cursor (tag, a UUID and an ISO instant with nanoseconds), is 94 characters.
   */
  public static final int MAX_ENCODED_LENGTH = 100;
  private static final String SEPARATOR = ":";

  public CursorCodec {
    if (fieldCount < 1) {
      throw new IllegalArgumentException("a cursor has at least one field");
    }
  }

  /** A codec whose first field says what the string names (a global id's type) instead of a fixed tag. */
  public static CursorCodec untagged(int fieldCount, String invalidMessage) {
    return new CursorCodec(null, fieldCount, invalidMessage);
  }

  public String encode(Object... values) {
    if (values.length != fieldCount) {
      throw new IllegalArgumentException("expected " + fieldCount + " fields, got " + values.length);
    }
    StringBuilder text = new StringBuilder(tag == null ? "" : tag + SEPARATOR);
    for (int i = 0; i < values.length; i++) {
      String value = String.valueOf(values[i]);
      if (i < values.length - 1 && value.contains(SEPARATOR)) {
        throw new IllegalArgumentException("only the last field may contain '" + SEPARATOR + "': " + value);
      }
      text.append(i == 0 ? "" : SEPARATOR).append(value);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes and parses; INVALID_INPUT with {@link #invalidMessage} for anything malformed. */
  public <T> T decode(String encoded, Function<Fields, T> parse) {
    if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
      throw invalid();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
      if (tag != null) {
        if (!text.startsWith(tag + SEPARATOR)) {
          throw invalid();
        }
        text = text.substring(tag.length() + SEPARATOR.length());
      }
      String[] parts = text.split(SEPARATOR, fieldCount);
      if (parts.length != fieldCount || Arrays.stream(parts).anyMatch(String::isEmpty)) {
        throw invalid();
      }
      return parse.apply(new Fields(List.of(parts)));
    } catch (RuntimeException e) {
      // Bad base64, a number or UUID that does not parse, a range the parser refuses: all one answer.
      throw invalid();
    }
  }

  /** Thrown by a parse function for a value that parses but is out of range. */
  public DomainException invalid() {
    return DomainException.invalidInput(invalidMessage);
  }

  /** The decoded fields, read as the types they were written from. */
  public record Fields(List<String> values) {
    public String text(int index) {
      return values.get(index);
    }

    public long number(int index) {
      return Long.parseLong(values.get(index));
    }

    public UUID uuid(int index) {
      return UUID.fromString(values.get(index));
    }

    public Instant instant(int index) {
      return Instant.parse(values.get(index));
    }
  }
}
